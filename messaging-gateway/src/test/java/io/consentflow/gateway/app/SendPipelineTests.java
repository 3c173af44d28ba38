package io.consentflow.gateway.app;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.BlockReason;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.ErasureReason;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageLogErased;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateMessage;
import io.consentflow.gateway.adapters.mongo.MongoMessageLog;
import io.consentflow.gateway.adapters.mongo.MongoUnsettledRequests;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.gateway.support.StubCloudApi;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@GatewayTest
class SendPipelineTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    ConsentTable consents;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    KafkaListenerEndpointRegistry registry;
    @Autowired
    WebTestClient web;
    @Autowired
    MongoMessageLog log;
    @Autowired
    MongoUnsettledRequests unsettled;
    @Autowired
    UnsettledReconciler reconciler;
    @Autowired
    MeterRegistry meters;

    private String consenting(String subjectId, ConsentStatus status, String... purposes) {
        String number = randomNumber();
        kafka.publish(Topics.CONSENT_STATE.name(), Fixtures.KEYS.of(number),
                snapshot(number, subjectId, status, List.of(purposes)));
        await().atMost(WAIT).until(() -> consents.get(Fixtures.KEYS.of(number)) != null);
        return number;
    }

    private void send(SendRequest request) {
        kafka.publish(Topics.SEND_REQUESTS.name(), request.getTo(), request);
    }

    private <T extends SpecificRecord> ConsumerRecord<String, SpecificRecord> awaitEvent(Class<T> type,
            String requestId) {
        try {
            return kafka.awaitRecords(Topics.MESSAGE_EVENTS.name(), r -> type.isInstance(r.value())
                    && requestId.equals(r.value().get(r.value().getSchema().getField("requestId").pos())), 1, WAIT)
                    .get(0);
        } catch (AssertionError missing) {
            throw new AssertionError(missing.getMessage() + "; " + sendPathState(requestId), missing);
        }
    }

    /**
     * What the send path looked like when an event did not come (failed once in CI, never locally): the request's
     * claim, the listener's partitions, the rate share, the breaker and the Mongo driver's connection pool.
     */
    private String sendPathState(String requestId) {
        var container = registry.getListenerContainer("send-requests");
        StringBuilder state = new StringBuilder("claim ").append(MongoMessageLog.state(log.find(requestId).block(WAIT)))
                .append(", listener running ").append(container.isRunning())
                .append(", partitions ").append(container.getAssignedPartitions())
                .append(", unsettled ").append(unsettled.all().count().block(WAIT));
        for (String meter : List.of("consentflow.gateway.send.rate_limit", "mongodb.driver.pool.size",
                "mongodb.driver.pool.checkedout", "mongodb.driver.pool.waitqueuesize")) {
            state.append(", ").append(meter).append(' ')
                    .append(meters.find(meter).gauges().stream().mapToDouble(g -> g.value()).sum());
        }
        meters.find("resilience4j.circuitbreaker.state").gauges().stream().filter(g -> g.value() > 0)
                .forEach(g -> state.append(", breaker ").append(g.getId().getTag("state")));
        return state.toString();
    }

    @Test
    void sendsWithConsentAndPublishesMessageSentKeyedBySubject() {
        String subject = UUID.randomUUID().toString();
        String number = consenting(subject, ConsentStatus.CONFIRMED, "offers");
        SendRequest request = marketing(number).build();
        send(request);
        var record = awaitEvent(MessageSent.class, request.getRequestId());
        assertThat(record.key()).isEqualTo(subject);
        MessageSent sent = (MessageSent) record.value();
        assertThat(sent.getWamid()).startsWith("wamid.");
        assertThat(sent.getSubjectId()).isEqualTo(subject);
        assertThat(STUB.callsTo(digits(number))).isEqualTo(1);

        String timeline = web.get().uri("/api/v1/messages/" + request.getRequestId())
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(timeline).contains("\"CLAIMED\"", "\"SENT\"", sent.getWamid(), subject)
                .doesNotContain(digits(number).substring(2));
    }

    @Test
    void blocksWithoutConsentAndKeysByRequestId() {
        SendRequest request = marketing(randomNumber()).build();
        send(request);
        var record = awaitEvent(MessageBlocked.class, request.getRequestId());
        assertThat(record.key()).isEqualTo(request.getRequestId());
        assertThat(((MessageBlocked) record.value()).getReason()).isEqualTo(BlockReason.NO_CONSENT);
        assertThat(STUB.callsTo(digits(request.getTo()))).isZero();
    }

    @Test
    void blocksWhenThePurposeIsNotGrantedAndAfterStop() {
        String number = consenting(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, "event-updates");
        SendRequest notGranted = marketing(number).build();
        send(notGranted);
        assertThat(((MessageBlocked) awaitEvent(MessageBlocked.class, notGranted.getRequestId()).value())
                .getReason()).isEqualTo(BlockReason.PURPOSE_NOT_GRANTED);
        String stopped = consenting(UUID.randomUUID().toString(), ConsentStatus.STOPPED);
        SendRequest afterStop = marketing(stopped).build();
        send(afterStop);
        assertThat(((MessageBlocked) awaitEvent(MessageBlocked.class, afterStop.getRequestId()).value())
                .getReason()).isEqualTo(BlockReason.STOPPED);
    }

    @Test
    void consentServicesSignedConfirmationTemplatePassesWithoutConsent() {
        String subject = UUID.randomUUID().toString();
        SendRequest confirmation = Fixtures.signedByConsentService(SendRequest.newBuilder(
                marketing(randomNumber()).build()).setCategory(MessageCategory.UTILITY).setPurpose(null)
                .setSubjectId(subject).setNotAfter(Instant.now().plusSeconds(3600))
                .setTemplate(TemplateMessage.newBuilder().setName("optin_confirm").setLanguage("de").build()).build());
        send(confirmation);
        var record = awaitEvent(MessageSent.class, confirmation.getRequestId());
        assertThat(record.key()).isEqualTo(subject);
    }

    @Test
    void aTombstoneRemovesTheConsent() {
        String number = consenting(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, "offers");
        kafka.publishRaw(Topics.CONSENT_STATE.name(), Fixtures.KEYS.of(number), null);
        await().atMost(WAIT).until(() -> consents.get(Fixtures.KEYS.of(number)) == null);
        SendRequest request = marketing(number).build();
        send(request);
        assertThat(((MessageBlocked) awaitEvent(MessageBlocked.class, request.getRequestId()).value()).getReason())
                .isEqualTo(BlockReason.NO_CONSENT);
    }

    @Test
    void aRedeliveredRequestIsNotSentAgainAndRepublishesTheSameEvent() {
        String number = consenting(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, "offers");
        SendRequest request = marketing(number).build();
        send(request);
        send(request);
        var records = kafka.awaitRecords(Topics.MESSAGE_EVENTS.name(), r -> r.value() instanceof MessageSent sent
                && sent.getRequestId().equals(request.getRequestId()), 2, WAIT);
        assertThat(((MessageSent) records.get(0).value()).getEventId())
                .isEqualTo(((MessageSent) records.get(1).value()).getEventId());
        assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
    }

    @Test
    void aClaimWithoutCallOrOutcomeFromBeforeARestartIsSentOnceForItNeverLeft() {
        String subject = UUID.randomUUID().toString();
        String number = consenting(subject, ConsentStatus.CONFIRMED, "offers");
        SendRequest request = marketing(number).build();
        // what a crash between the claim and the call leaves behind, in the shape of the versions that stored the
        // state and the timeline in the document: CLAIMED, no call recorded, so nothing left
        Document claim = new Document("_id", request.getRequestId()).append("subjectId", subject)
                .append("category", "MARKETING").append("state", "CLAIMED").append("claimedAt", new Date())
                .append("timeline", List.of(new Document("at", new Date()).append("kind", "CLAIMED")));
        mongo.getCollection(MongoMessageLog.COLLECTION).flatMap(c -> Mono.from(c.insertOne(claim))).block();
        send(request);
        MessageSent sent = (MessageSent) awaitEvent(MessageSent.class, request.getRequestId()).value();
        assertThat(sent.getWamid()).startsWith("wamid.");
        assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
    }

    @Test
    void permanentCloudApiErrorsBecomeMessageFailed() {
        String number = consenting(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, "offers");
        STUB.script(digits(number), StubCloudApi.error(400, 131026, "Message undeliverable"));
        SendRequest request = marketing(number).build();
        send(request);
        MessageFailed failed = (MessageFailed) awaitEvent(MessageFailed.class, request.getRequestId()).value();
        assertThat(failed.getErrorCode()).isEqualTo(131026);
        assertThat(failed.getRetryable()).isFalse();
        assertThat(failed.getAmbiguous()).isFalse();
        assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
    }

    @Test
    void deferredMarketingCarriesDeferredUntil() {
        String number = consenting(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, "offers");
        STUB.script(digits(number), StubCloudApi.error(400, 131049, "ecosystem engagement"));
        SendRequest request = marketing(number).build();
        send(request);
        MessageFailed failed = (MessageFailed) awaitEvent(MessageFailed.class, request.getRequestId()).value();
        assertThat(failed.getErrorCode()).isEqualTo(131049);
        assertThat(failed.getDeferredUntil()).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }

    @Test
    void aTimeoutAfterTheRequestLeftIsNeverRetriedAndBecomesAmbiguousWhenNoStatusArrivesInTime() {
        String number = consenting(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, "offers");
        STUB.script(digits(number), StubCloudApi.slow(3_000));
        SendRequest request = marketing(number).build();
        send(request);
        await().atMost(WAIT).until(() -> unsettled.all().any(u -> u.requestId().equals(request.getRequestId()))
                .block(WAIT));
        assertThat(MongoMessageLog.state(log.find(request.getRequestId()).block(WAIT))).isEqualTo("CALLING");
        // the settle time (10 minutes) passes without a status webhook naming the request
        reconciler.reconcile(java.time.Instant.now().plus(Duration.ofMinutes(11))).block(WAIT);
        MessageFailed failed = (MessageFailed) awaitEvent(MessageFailed.class, request.getRequestId()).value();
        assertThat(failed.getAmbiguous()).isTrue();
        assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
    }

    @Test
    void malformedRequestsGoToTheDeadLetterTopicWithTheReason() {
        SendRequest both = SendRequest.newBuilder(marketing(randomNumber()).build()).setText("and text").build();
        send(both);
        kafka.publishRaw(Topics.SEND_REQUESTS.name(), "+4915100000000", "not avro".getBytes(StandardCharsets.UTF_8));
        // read raw: the dead-letter topic holds the undecodable record too, which an Avro reader would choke on
        List<String> reasons = new ArrayList<>();
        boolean[] poisonDeadLettered = {false};
        await().atMost(WAIT).until(() -> {
            reasons.clear();
            for (var record : kafka.readAllRaw(Topics.SEND_REQUESTS.deadLetter().name(), Duration.ofSeconds(5))) {
                var header = record.headers().lastHeader("kafka_dlt-exception-message");
                if (header != null) {
                    reasons.add(new String(header.value(), StandardCharsets.UTF_8));
                }
                poisonDeadLettered[0] |= Arrays.equals(record.value(), "not avro".getBytes(StandardCharsets.UTF_8));
            }
            return poisonDeadLettered[0] && reasons.stream().anyMatch(r -> r.contains("template/text"));
        });
        assertThat(reasons).noneMatch(r -> r.contains(both.getTo().substring(1)));
        // the valid requests behind a poison record are still processed
        String number = consenting(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, "offers");
        SendRequest after = marketing(number).build();
        send(after);
        awaitEvent(MessageSent.class, after.getRequestId());
    }

    @Test
    void atMostOnceAcrossAListenerRestartInTheMiddleOfABatch() {
        List<SendRequest> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String number = consenting(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, "offers");
            STUB.script(digits(number), StubCloudApi.slow(200));
            requests.add(marketing(number).build());
        }
        requests.forEach(this::send);
        var container = registry.getListenerContainer("send-requests");
        await().atMost(WAIT).until(() -> requests.stream().anyMatch(r -> STUB.callsTo(digits(r.getTo())) > 0));
        container.stop();
        container.start();
        // the same requests again, as a rebalance or a crash before the commit would redeliver them
        requests.forEach(this::send);
        for (SendRequest request : requests) {
            awaitEvent(MessageSent.class, request.getRequestId());
        }
        for (SendRequest request : requests) {
            assertThat(STUB.callsTo(digits(request.getTo()))).as(request.getRequestId()).isEqualTo(1);
        }
    }

    @Test
    void erasureDeletesTheSubjectsMessageLogAndAnswersWithAReceipt() {
        String subject = UUID.randomUUID().toString();
        String number = consenting(subject, ConsentStatus.CONFIRMED, "offers");
        SendRequest request = marketing(number).build();
        send(request);
        awaitEvent(MessageSent.class, request.getRequestId());
        String erasureId = UUID.randomUUID().toString();
        kafka.publish(Topics.RETENTION_COMMANDS.name(), subject, ErasureRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now()).setProducer("retention-service")
                .setErasureId(erasureId).setSubjectId(subject).setScope(ErasureScope.SUBJECT)
                .setReason(ErasureReason.SUBJECT_REQUEST).setDueAt(Instant.now())
                .setRequiredReceipts(List.of("MessageLogErased")).build());
        MessageLogErased receipt = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageLogErased.class,
                r -> erasureId.equals(r.getErasureId()), WAIT);
        assertThat(receipt.getSubjectId()).isEqualTo(subject);
        assertThat(receipt.getMessagesErased()).isEqualTo(1);
        web.get().uri("/api/v1/messages/" + request.getRequestId())
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange().expectStatus().isNotFound();
        for (String collection : List.of(MongoMessageLog.COLLECTION, MongoMessageLog.OUTCOMES)) {
            assertThat(mongo.getCollection(collection).flatMap(c -> Mono.from(c.countDocuments(
                    new Document("_id", request.getRequestId())))).block()).as(collection).isZero();
        }
    }
}
