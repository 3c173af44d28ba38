package io.consentflow.gateway.adapters.kafka;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.adapters.mongo.MongoMessageLog;
import io.consentflow.gateway.adapters.mongo.MongoUnsettledRequests;
import io.consentflow.gateway.app.MessageLog;
import io.consentflow.gateway.app.RegisteredCategories;
import io.consentflow.gateway.app.SendAuthorities;
import io.consentflow.gateway.app.SendPipeline;
import io.consentflow.gateway.app.UnsettledReconciler;
import io.consentflow.gateway.app.UnsettledRequests;
import io.consentflow.gateway.config.GatewayProperties;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.SendOutcome;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Requests no redelivery will bring back are finished by the instance that owns their partition: a claim that never
 * reached its call, below the group's committed offset, is read again from Kafka and sent once (one above it is left
 * to its consumer); a stored outcome whose announcement was lost is announced before its unsettled entry goes.
 */
@GatewayTest
class UnfinishedRequestsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    SendPipeline pipeline;
    @Autowired
    MongoMessageLog log;
    @Autowired
    ConsentTable consents;
    @Autowired
    KafkaListenerEndpointRegistry registry;
    @Autowired
    ConsumerFactory<String, SpecificRecord> consumerFactory;
    @Autowired
    GatewayProperties properties;
    @Autowired
    MeterRegistry meters;
    @Autowired
    UnsettledReconciler reconciler;
    @Autowired
    MongoUnsettledRequests unsettled;
    @Autowired
    SendAuthorities authorities;
    @Autowired
    RegisteredCategories categories;

    private ConsentFacts consented(String number) {
        ConsentFacts consent = new ConsentFacts(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED,
                Set.of("offers"), false);
        consents.put(Fixtures.KEYS.of(number), consent);
        return consent;
    }

    private void claim(SendRequest request, ConsentFacts consent, Instant at, SendPipeline.Source source) {
        var outgoing = categories.outgoing(request, authorities.of(request));
        log.claimAll(List.of(SendPipeline.claim(request, outgoing, Fixtures.KEYS.of(request.getTo()), consent, at,
                source))).block(WAIT);
    }

    /** Published keyed by its number, as producers do; answers where it landed. */
    private static RecordMetadata published(SendRequest request) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()), new StringSerializer(), new AvroEventSerializer())) {
            return producer.send(new ProducerRecord<String, SpecificRecord>(Topics.SEND_REQUESTS.name(),
                    request.getTo(), request)).get();
        }
    }

    @Test
    void aClaimBelowTheCommittedOffsetIsResumedWithoutARedeliveryAndOneAboveItIsLeftToItsConsumer()
            throws Exception {
        String number = randomNumber();
        ConsentFacts consent = consented(number);
        SendRequest lost = marketing(number).build();
        SendRequest inFlight = marketing(number).build();
        var container = registry.getListenerContainer(SendListener.ID);
        container.stop();
        RecordMetadata first;
        try {
            // both in the number's partition; the group committed past the first (a batch that finished without
            // it), the second is where its consumer will read next
            first = published(lost);
            RecordMetadata second = published(inFlight);
            commitPast(first);
            Instant claimedAt = Instant.now().minus(Duration.ofMinutes(2));
            claim(lost, consent, claimedAt, new SendPipeline.Source(first.partition(), first.offset()));
            claim(inFlight, consent, claimedAt, new SendPipeline.Source(second.partition(), second.offset()));

            var resumer = resumerOwning(first.partition());
            assertThat(resumer.resume(Instant.now()).block(WAIT)).isEqualTo(1);
            kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                    sent -> lost.getRequestId().equals(sent.getRequestId()), WAIT);
            assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
            assertThat(MongoMessageLog.state(log.find(inFlight.getRequestId()).block(WAIT))).isEqualTo("CLAIMED");
            // the first left the open claims with its outcome; the second is still open
            assertThat(openIds()).contains(inFlight.getRequestId()).doesNotContain(lost.getRequestId());
            // the next pass finds nothing more to do: the first is finished, the second still its consumer's
            assertThat(resumer.resume(Instant.now()).block(WAIT)).isZero();
            assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
        } finally {
            container.start();
        }
        // the restarted consumers join the group again first (a rejoin after the group's offsets were altered took
        // longer than the 30 s below on a loaded machine: the record is read only once a consumer owns the partition)
        await().atMost(Duration.ofSeconds(120)).until(() -> container.getAssignedPartitions() != null
                && container.getAssignedPartitions().stream().anyMatch(p -> p.partition() == first.partition()));
        // its consumer reads it from the committed offset and resumes it: sent once as well
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                sent -> inFlight.getRequestId().equals(sent.getRequestId()), WAIT);
        assertThat(STUB.callsTo(digits(number))).isEqualTo(2);
        assertThat(openIds()).doesNotContain(inFlight.getRequestId());
    }

    @Test
    void anOpenEntryWhoseRequestWasDecidedIsDroppedWithoutSendingAgain() throws Exception {
        String number = randomNumber();
        ConsentFacts consent = consented(number);
        SendRequest decided = marketing(number).build();
        var container = registry.getListenerContainer(SendListener.ID);
        container.stop();
        try {
            RecordMetadata record = published(decided);
            commitPast(record);
            claim(decided, consent, Instant.now().minus(Duration.ofMinutes(2)),
                    new SendPipeline.Source(record.partition(), record.offset()));
            // its call was recorded and the process died before the outcome: CALLING, never resumed blindly
            log.decide(List.of(new MessageLog.CallRecord(decided.getRequestId(), true, 1L)), Instant.now())
                    .block(WAIT);
            assertThat(openIds()).contains(decided.getRequestId());

            assertThat(resumerOwning(record.partition()).resume(Instant.now()).block(WAIT)).isZero();
            assertThat(openIds()).doesNotContain(decided.getRequestId());
            assertThat(MongoMessageLog.state(log.find(decided.getRequestId()).block(WAIT))).isEqualTo("CALLING");
            assertThat(STUB.callsTo(digits(number))).isZero();
        } finally {
            container.start();
        }
    }

    /** The send-requests group committed past this record (a batch that finished without it). */
    private static void commitPast(RecordMetadata record) throws Exception {
        TopicPartition partition = new TopicPartition(Topics.SEND_REQUESTS.name(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            // the stopped listener's consumers may still be leaving the group (altering its offsets then fails with
            // UnknownMemberIdException, once in CI): ask again until the group is empty
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(SendListener.ID,
                        Map.of(partition, new OffsetAndMetadata(record.offset() + 1))).all().get();
                return true;
            });
        }
    }

    /** A resumer on an instance that owns this partition. */
    private ClaimResumer resumerOwning(int partition) {
        var owningIt = new ListenerPartitions(registry) {
            @Override
            public Set<Integer> now() {
                return Set.of(partition);
            }
        };
        return new ClaimResumer(log, pipeline, owningIt, consumerFactory, Clock.systemUTC(), properties, meters);
    }

    private Set<String> openIds() {
        return Set.copyOf(log.openClaims().map(MessageLog.OpenClaim::requestId).collectList().block(WAIT));
    }

    @Test
    void anOutcomeStoredButNeverAnnouncedIsAnnouncedBeforeItsUnsettledEntryGoes() {
        String number = randomNumber();
        SendRequest request = marketing(number).build();
        claim(request, consented(number), Instant.now(), SendPipeline.Source.NONE);
        // an earlier pass stored AMBIGUOUS, and the broker was away when it published it
        SendOutcome ambiguous = new SendOutcome.Ambiguous(Events.newEventId(), Instant.now(),
                "no status within 600 s of the call");
        log.outcomes(List.of(new MessageLog.Decided(request.getRequestId(), ambiguous))).block(WAIT);
        unsettled.add(List.of(new UnsettledRequests.Unsettled(request.getRequestId(), -1,
                Instant.now().minus(Duration.ofMinutes(11))))).block(WAIT);

        reconciler.reconcile(Instant.now()).block(WAIT);

        MessageFailed failed = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageFailed.class,
                f -> request.getRequestId().equals(f.getRequestId()), WAIT);
        assertThat(failed.getAmbiguous()).isTrue();
        assertThat(failed.getEventId()).isEqualTo(ambiguous.eventId());
        assertThat(unsettled.all().filter(u -> u.requestId().equals(request.getRequestId())).count().block(WAIT))
                .isZero();
        assertThat(STUB.callsTo(digits(number))).isZero();
    }
}
