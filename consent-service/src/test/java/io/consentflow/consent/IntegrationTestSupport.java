package io.consentflow.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.adapters.mongo.SubjectRepository;
import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MessageIntent;
import io.consentflow.events.SendRequest;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.rules.inbound.InboundReading;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.TestInfrastructure;
import io.consentflow.testsupport.WithTestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One Spring context (same as ServiceBaselineTests) on the shared real broker and MongoDB wire server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@WithTestInfrastructure
public abstract class IntegrationTestSupport {

    protected static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    protected WebTestClient web;
    @Autowired
    protected SubjectRepository subjects;
    @Autowired
    protected ContactKeys contactKeys;

    protected final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    static {
        createTopicsOwnedByOtherServices();
    }

    /** The topics consent-service consumes are created by their writers; in these tests the test plays them. */
    private static void createTopicsOwnedByOtherServices() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            var existing = admin.listTopics().names().get();
            var missing = Stream.of(Topics.WHATSAPP_INBOUND, Topics.MESSAGE_EVENTS, Topics.RETENTION_COMMANDS,
                            Topics.SEND_REQUESTS)
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.configs()))
                    .toList();
            admin.createTopics(missing).all().get();
        } catch (Exception e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create test topics", e);
            }
        }
    }

    /** A random valid German mobile number, so tests never collide on the shared broker and database. */
    protected static String randomNumber() {
        return "+49151" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    protected static String randomAddress() {
        var r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    protected static Map<String, Object> optInBody(String number, List<String> purposes) {
        return Map.of("phoneNumber", number, "purposes", purposes, "locale", "de", "noticeVersion", "2026-11",
                "consentText", "Ich willige ein, dass Musterladen mir Angebote per WhatsApp sendet.",
                "source", "WEB_FORM");
    }

    protected WebTestClient.ResponseSpec postOptIn(Object body, String clientAddress) {
        return web.post().uri("/api/v1/opt-ins").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", clientAddress).header("User-Agent", "ConsentFlowTest/1.0")
                .header("Referer", "https://shop.example/newsletter").bodyValue(body).exchange();
    }

    /** Signed with the development key by consent-service: what the gateway requires of its own messages. */
    protected static void assertSignedByConsentService(SendRequest request) {
        org.assertj.core.api.Assertions.assertThat(io.consentflow.schemas.SendRequestSignatures.verify(request,
                "consent-service", io.consentflow.platform.secrets.DevelopmentSecrets.SEND_SIGNING_KEY
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .as("signed by consent-service").isTrue();
    }

    protected SendRequest awaitSendTo(String number, Predicate<SendRequest> matching) {
        return kafka.await(Topics.SEND_REQUESTS.name(), SendRequest.class,
                r -> r.getTo().equals(number) && matching.test(r), WAIT);
    }

    /** Requests an opt-in through the API and returns the confirmation template sent to the phone. */
    protected SendRequest requestOptIn(String number, List<String> purposes) {
        postOptIn(optInBody(number, purposes), randomAddress()).expectStatus().isAccepted();
        return awaitSendTo(number, r -> r.getTemplate() != null);
    }

    protected static String payloadOf(SendRequest request) {
        if (request.getTemplate() != null) {
            return request.getTemplate().getComponents().get(1).getParameters().get(0).getValue();
        }
        return request.getButtons().get(0).getPayload();
    }

    /** A message as the gateway publishes it: read where it entered, its reading instead of its text. */
    protected InboundMessage inbound(String number, String text, String buttonPayload) {
        String type = buttonPayload != null ? "button" : "text";
        String title = buttonPayload != null ? "Ja" : null;
        InboundReading reading = InboundReading.of(type, text, buttonPayload, title);
        return legacyInbound(number, text, buttonPayload).setText(null)
                .setIntent(MessageIntent.valueOf(reading.kind().name())).setLanguage(reading.language())
                .setRecogniserVersion(reading.recogniserVersion()).build();
    }

    /** A message as gateways published it before they read messages: the text, no intent. */
    protected InboundMessage.Builder legacyInbound(String number, String text, String buttonPayload) {
        return InboundMessage.newBuilder().setEventId(Events.newEventId()).setOccurredAt(Instant.now())
                .setProducer("messaging-gateway").setWamid("wamid." + Events.newEventId()).setFrom(number.substring(1))
                .setContactKey(contactKeys.of(number)).setType(buttonPayload != null ? "button" : "text")
                .setText(text).setButtonPayload(buttonPayload).setButtonTitle(buttonPayload != null ? "Ja" : null)
                .setReceivedAt(Instant.now()).setPhoneNumberId("100000000000001");
    }

    protected void publishInbound(InboundMessage message) {
        kafka.publish(Topics.WHATSAPP_INBOUND.name(), message.getContactKey(), message);
    }

    protected ConsentSnapshot awaitSnapshot(String number, ConsentStatus status) {
        String key = contactKeys.of(number);
        return kafka.await(Topics.CONSENT_STATE.name(), ConsentSnapshot.class,
                s -> s.getContactKey().equals(key) && s.getStatus() == status, WAIT);
    }

    /** A subject with a confirmed consent for {@code purposes}; returns its subjectId. */
    protected String confirmedSubject(String number, List<String> purposes) {
        SendRequest confirmation = requestOptIn(number, purposes);
        publishInbound(inbound(number, null, payloadOf(confirmation)));
        awaitSnapshot(number, ConsentStatus.CONFIRMED);
        return confirmation.getSubjectId();
    }

    /** Every event of a type on a topic right now (read to the end), for "exactly once" assertions. */
    protected <T> List<T> allOf(String topic, Class<T> type, Predicate<T> matching) {
        var deserializer = new AvroEventDeserializer();
        return kafka.readAllRaw(topic, WAIT).stream()
                .filter(r -> r.value() != null)
                .map(r -> deserializer.deserialize(topic, r.value()))
                .filter(type::isInstance).map(type::cast).filter(matching).toList();
    }

    /** Between two bounded polls. */
    protected static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    protected static void assertNoPlaintext(String rawDocument, String... secrets) {
        for (String secret : secrets) {
            assertThat(rawDocument).as("raw document must not contain personal data in clear").doesNotContain(secret);
        }
    }
}
