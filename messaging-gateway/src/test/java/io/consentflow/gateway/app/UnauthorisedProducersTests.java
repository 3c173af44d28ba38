package io.consentflow.gateway.app;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.events.BlockReason;
import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.SecuredKafkaBroker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 22's producers without the right ACL, on a broker that authenticates and authorizes with exactly the
 * catalog's ACLs ({@link SecuredKafkaBroker}); the gateway itself runs on it as principal messaging-gateway with only
 * its own ACLs. One row per attempt: a principal writes or reads a topic the catalog does not give it and is refused
 * with an authorization error; then the campaign systems ask for marketing to that number on send-requests (which
 * they may write) and the gateway blocks it NO_CONSENT, nothing reaching the phone. The last row is the control: the
 * topic's one writer, consent-service, records the consent, and the same request is delivered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "consentflow.gateway.gate.quiet-from=00:00", "consentflow.gateway.gate.quiet-until=00:00",
        "consentflow.gateway.send.rate-limit-per-second=1000",
        "logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN", "logging.level.org.mongodb.driver=WARN"})
// closed after the class, while the brokers and the wire server still run (not at JVM exit, racing their hooks)
@DirtiesContext
@ContextConfiguration(initializers = UnauthorisedProducersTests.OnTheSecuredBroker.class)
class UnauthorisedProducersTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The gateway as a deployment runs it: its own principal, no topic creation; the Cloud API stub. */
    static class OnTheSecuredBroker extends SecuredKafkaBroker.AsPrincipal {
        OnTheSecuredBroker() {
            super(Services.GATEWAY);
        }

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            super.initialize(context);
            TestPropertyValues.of("consentflow.gateway.whatsapp.base-url=" + STUB.baseUrl()).applyTo(context);
        }
    }

    /** What a principal attempts; the broker either refuses it or lets it through. */
    enum Attempt { WRITE_CONFIRMED_CONSENT, READ_INBOUND }

    @Autowired
    ConsentTable consents;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final KafkaTestClient observer = SecuredKafkaBroker.get().client(SecuredKafkaBroker.ADMIN);
    private final KafkaTestClient campaigns = SecuredKafkaBroker.get().client(Services.CAMPAIGN_SYSTEMS);

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("campaign systems write a confirmed consent on consent-state", Services.CAMPAIGN_SYSTEMS,
                        Attempt.WRITE_CONFIRMED_CONSENT, true),
                Arguments.of("the gateway writes a confirmed consent on consent-state", Services.GATEWAY,
                        Attempt.WRITE_CONFIRMED_CONSENT, true),
                Arguments.of("retention-service writes a confirmed consent on consent-state", Services.RETENTION,
                        Attempt.WRITE_CONFIRMED_CONSENT, true),
                Arguments.of("campaign systems read what people write (whatsapp-inbound)", Services.CAMPAIGN_SYSTEMS,
                        Attempt.READ_INBOUND, true),
                Arguments.of("retention-service reads whatsapp-inbound", Services.RETENTION, Attempt.READ_INBOUND,
                        true),
                // the control: consent-service is consent-state's one writer; its consent lets the send through
                Arguments.of("consent-service writes the confirmed consent", Services.CONSENT,
                        Attempt.WRITE_CONFIRMED_CONSENT, false));
    }

    @Test
    void theGatewayRunsWithItsOwnAclsAlone() {
        // every listener (send-requests, the erasures of retention-commands) joined the group the ACLs name
        SecuredKafkaBroker.awaitEveryListenerAssigned(listeners, WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aPrincipalWithoutTheAclIsRefusedAndNothingReachesThePhone(String name, String principal, Attempt attempt,
            boolean refused) throws Exception {
        String number = randomNumber();
        ConsentSnapshot confirmed = snapshot(number, UUID.randomUUID().toString(), ConsentStatus.CONFIRMED,
                List.of("offers"));

        if (refused) {
            assertThatThrownBy(() -> tryAs(principal, attempt, confirmed)).as(name)
                    .isInstanceOf(TopicAuthorizationException.class);
        } else {
            tryAs(principal, attempt, confirmed);
            Awaitility.await().atMost(WAIT).until(() -> consents.get(Fixtures.KEYS.of(number)) != null);
        }
        SendRequest offer = marketing(number).setProducer(Services.CAMPAIGN_SYSTEMS).build();
        campaigns.publish(Topics.SEND_REQUESTS.name(), number, offer);

        if (refused) {
            MessageBlocked blocked = awaitOutcome(MessageBlocked.class, offer.getRequestId());
            assertThat(blocked.getReason()).isEqualTo(BlockReason.NO_CONSENT);
            assertThat(STUB.callsTo(digits(number))).as("nothing sent to the phone").isZero();
        } else {
            awaitOutcome(MessageSent.class, offer.getRequestId());
            assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
        }
    }

    /** Runs the attempt as the principal; an authorization error surfaces as TopicAuthorizationException. */
    private static void tryAs(String principal, Attempt attempt, ConsentSnapshot confirmed) throws Exception {
        Map<String, Object> settings = new HashMap<>(SecuredKafkaBroker.get().clientSettings(principal));
        switch (attempt) {
            case WRITE_CONFIRMED_CONSENT -> {
                settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
                try (var producer = new KafkaProducer<>(settings, new StringSerializer(), new AvroEventSerializer())) {
                    producer.send(new ProducerRecord<>(Topics.CONSENT_STATE.name(), confirmed.getContactKey(),
                            (SpecificRecord) confirmed)).get(15, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            case READ_INBOUND -> {
                settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                try (var consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
                    consumer.assign(List.of(new TopicPartition(Topics.WHATSAPP_INBOUND.name(), 0)));
                    for (int poll = 0; poll < 50; poll++) {
                        consumer.poll(Duration.ofMillis(200));
                    }
                }
            }
        }
    }

    private <T extends SpecificRecord> T awaitOutcome(Class<T> type, String requestId) {
        return type.cast(observer.awaitRecords(Topics.MESSAGE_EVENTS.name(), r -> type.isInstance(r.value())
                && requestId.equals(r.value().get(r.value().getSchema().getField("requestId").pos())), 1, WAIT)
                .get(0).value());
    }
}
