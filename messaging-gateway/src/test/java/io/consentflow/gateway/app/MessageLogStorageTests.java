package io.consentflow.gateway.app;

import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.MessageSent;
import io.consentflow.events.MessageStatusChanged;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.adapters.mongo.MongoMessageLog;
import io.consentflow.gateway.adapters.web.WebhookTests;
import io.consentflow.gateway.domain.SendOutcome;
import io.consentflow.gateway.domain.WebhookSignature;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How the message log stores a request (claim and outcome as two inserted documents) and reads what earlier
 * versions stored (the outcome inside the claim), on the real wire server: an outcome is never lost to a second
 * writer, a decided claim of an earlier version is re-published and receives its statuses, and erasure leaves
 * neither document behind.
 */
@GatewayTest
class MessageLogStorageTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    MongoMessageLog log;
    @Autowired
    SendPipeline pipeline;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    WebTestClient web;
    @Autowired
    CallDecisions decisions;

    private static Document claim(String requestId, String subjectId) {
        return new Document("_id", requestId).append("subjectId", subjectId).append("contactKey", "key")
                .append("category", "MARKETING").append("purpose", "offers").append("claimedAt", new Date());
    }

    private Document stored(String collection, String requestId) {
        return mongo.getCollection(collection)
                .flatMap(c -> Mono.from(c.find(new Document("_id", requestId)).first())).block(WAIT);
    }

    @Test
    void theFirstStoredOutcomeWinsAndOnlyItsWriterMayAnnounceIt() {
        String requestId = "req-" + UUID.randomUUID();
        Instant now = Instant.now();
        // a status webhook settled the request (SENT) before the pipeline stored what its answer said
        assertThat(log.outcomes(List.of(new MessageLog.Decided(requestId,
                new SendOutcome.Sent("ev-1", now, "wamid.X1")))).block(WAIT)).containsExactly(requestId);
        assertThat(log.outcomes(List.of(new MessageLog.Decided(requestId,
                new SendOutcome.Ambiguous("ev-2", now, "no answer")))).block(WAIT)).isEmpty();
        // the same outcome written again (a driver's retry of the insert) is still the writer's own
        assertThat(log.outcomes(List.of(new MessageLog.Decided(requestId,
                new SendOutcome.Sent("ev-1", now, "wamid.X1")))).block(WAIT)).containsExactly(requestId);
        Document outcome = stored(MongoMessageLog.OUTCOMES, requestId).get("outcome", Document.class);
        assertThat(outcome.getString("eventId")).isEqualTo("ev-1");
        assertThat(stored(MongoMessageLog.OUTCOMES, requestId).getString("wamid")).isEqualTo("wamid.X1");
    }

    @Test
    void whoeverRecordsTheCallFirstDecidesTheRequest() {
        String requestId = "req-" + UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(log.decide(List.of(new MessageLog.CallRecord(requestId, true, 1L)), now).block(WAIT))
                .containsExactly(requestId);
        assertThat(log.decide(List.of(new MessageLog.CallRecord(requestId, false, 2L)), now).block(WAIT)).isEmpty();
        assertThat(log.decide(List.of(new MessageLog.CallRecord(requestId, true, 1L)), now).block(WAIT))
                .containsExactly(requestId);
    }

    @Test
    void thousandsOfConcurrentCallRecordsAllCompleteInBatches() {
        String prefix = "req-" + UUID.randomUUID() + "-";
        // more at once than the batcher writes in flight: a batch must wait for demand, never overflow
        List<Boolean> decided = reactor.core.publisher.Flux.range(0, 5_000)
                .flatMap(i -> decisions.decide(prefix + i, "key-" + i, true), 5_000)
                .map(CallDecisions.Verdict::decides).collectList().block(Duration.ofSeconds(120));
        assertThat(decided).hasSize(5_000).containsOnly(true);
        // recorded once: a second attempt at any of them loses
        assertThat(decisions.decide(prefix + 17, "key-17", true).block(WAIT).decides()).isFalse();
    }

    @Test
    void callsReleasedAMillisecondApartShareTheirRecordsInserts() {
        // the pacer releases calls evenly; a record a millisecond must not cost a command each (with the insert's
        // STOP-fence read, two commands per call were most of the gateway's database commands at 1,000 sends/s)
        String prefix = "req-" + UUID.randomUUID() + "-";
        int calls = 40;
        long[] released = {0, 0};
        List<Boolean> decided = Flux.interval(Duration.ofMillis(1)).take(calls)
                .doOnNext(i -> released[i == 0 ? 0 : 1] = System.nanoTime())
                .flatMap(i -> decisions.decide(prefix + i, "key-" + i, true), calls)
                .map(CallDecisions.Verdict::decides).collectList().block(WAIT);
        double releasedOverMillis = (released[1] - released[0]) / 1e6;

        assertThat(decided).hasSize(calls).containsOnly(true);
        // Counted from the stored records, not the driver's insert count, which other test classes' pipelines in the
        // shared context add to: a batch's records carry its one write time, so their distinct times are the inserts.
        // Batches close earlier than the linger now and then (60 runs over ~39 ms of releases: 4-7 inserts at the
        // 10 ms linger; 4-16, mostly 10-14, at a 2 ms linger; 40 with a command per record), so the bound allows one
        // insert per half a linger: it fails a linger of a few milliseconds, not an unlucky scheduler.
        long inserts = batchTimesOf(prefix, calls);
        long bound = (long) (releasedOverMillis / (CallDecisions.LINGER.toMillis() / 2.0)) + 1;
        assertThat(inserts).as("inserts of %d call records released over %.1f ms", calls, releasedOverMillis)
                .isPositive().isLessThanOrEqualTo(bound);
    }

    private long batchTimesOf(String prefix, int calls) {
        List<String> ids = IntStream.range(0, calls).mapToObj(i -> prefix + i).toList();
        List<Document> records = mongo.getCollection(MongoMessageLog.CALLS)
                .flatMapMany(c -> c.find(new Document("_id", new Document("$in", ids)))).collectList().block(WAIT);
        assertThat(records).as("the records of every call").hasSize(calls);
        return records.stream().map(record -> record.getDate("at")).distinct().count();
    }

    @Test
    void aRequestDecidedByAnEarlierVersionIsRepublishedAndItsStatusesLandInItsClaim() {
        String number = randomNumber();
        SendRequest request = marketing(number).build();
        String subject = UUID.randomUUID().toString();
        String wamid = "wamid." + UUID.randomUUID();
        Date at = new Date();
        // the shape the versions wrote that replaced the claim with claim + outcome + wamid
        Document decided = claim(request.getRequestId(), subject).append("wamid", wamid)
                .append("outcome", new Document("eventId", "ev-legacy").append("at", at).append("type", "SENT"));
        mongo.getCollection(MongoMessageLog.COLLECTION).flatMap(c -> Mono.from(c.insertOne(decided))).block(WAIT);

        pipeline.processBatch(List.of(request)).block(WAIT);
        MessageSent again = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                m -> m.getRequestId().equals(request.getRequestId()), WAIT);
        assertThat(again.getEventId()).isEqualTo("ev-legacy");
        assertThat(again.getWamid()).isEqualTo(wamid);
        assertThat(STUB.callsTo(Fixtures.digits(number))).isZero();

        byte[] body = WebhookTests.status(wamid, "delivered", null).getBytes(StandardCharsets.UTF_8);
        web.post().uri("/webhooks/whatsapp").header("X-Hub-Signature-256", WebhookSignature.sign(WebhookTests.SECRET,
                body)).header("Content-Type", "application/json").bodyValue(body).exchange().expectStatus().isOk();
        MessageStatusChanged delivered = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageStatusChanged.class,
                s -> s.getWamid().equals(wamid), WAIT);
        assertThat(delivered.getRequestId()).isEqualTo(request.getRequestId());
        assertThat(delivered.getSubjectId()).isEqualTo(subject);
        assertThat(MongoMessageLog.timeline(log.find(request.getRequestId()).block(WAIT)))
                .extracting(entry -> entry.getString("kind")).containsExactly("CLAIMED", "SENT", "STATUS_DELIVERED");
        assertThat(stored(MongoMessageLog.OUTCOMES, request.getRequestId())).isNull();
    }
}
