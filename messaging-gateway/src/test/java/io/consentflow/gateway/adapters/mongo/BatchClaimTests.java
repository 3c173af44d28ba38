package io.consentflow.gateway.adapters.mongo;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.adapters.web.WebhookTests;
import io.consentflow.gateway.app.SendPipeline;
import io.consentflow.gateway.app.StopFence;
import io.consentflow.gateway.app.UnsettledReconciler;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.WebhookSignature;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.gateway.support.StubCloudApi;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The batch claim (one unordered insertMany per batch) and the batched outcomes, driven through the pipeline with
 * the real broker, Mongo wire server and stub over HTTP: at most one Cloud API call per requestId whatever the batch
 * holds, and every request of a batch has its event once {@code processBatch} completes.
 */
@GatewayTest
class BatchClaimTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    SendPipeline pipeline;
    @Autowired
    ConsentTable consents;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    MongoMessageLog log;
    @Autowired
    UnsettledReconciler reconciler;
    @Autowired
    MongoUnsettledRequests unsettled;
    @Autowired
    MongoStopFence fence;
    @Autowired
    WebTestClient web;

    private SendRequest consentingRequest() {
        String number = randomNumber();
        consents.put(Fixtures.KEYS.of(number), new ConsentFacts(UUID.randomUUID().toString(), ConsentStatus.CONFIRMED,
                Set.of("offers"), false));
        return marketing(number).build();
    }

    private List<ConsumerRecord<String, SpecificRecord>> events(String requestId, int count) {
        // status events of unknown wamids (other tests) carry no requestId, erasure receipts no such field
        return kafka.awaitRecords(Topics.MESSAGE_EVENTS.name(), r -> r.value().getSchema().getField("requestId") != null
                && requestId.equals(String.valueOf(r.value().get(r.value().getSchema().getField("requestId").pos()))),
                count, WAIT);
    }

    @Test
    void aRequestIdRepeatedInsideOneBatchIsSentOnceAndItsEventRepublished() {
        SendRequest twice = consentingRequest();
        SendRequest other = consentingRequest();
        pipeline.processBatch(List.of(twice, other, twice)).block(WAIT);

        assertThat(STUB.callsTo(digits(twice.getTo()))).isEqualTo(1);
        assertThat(STUB.callsTo(digits(other.getTo()))).isEqualTo(1);
        var records = events(twice.getRequestId(), 2);
        assertThat(records).allMatch(r -> r.value() instanceof MessageSent);
        assertThat(((MessageSent) records.get(0).value()).getEventId())
                .isEqualTo(((MessageSent) records.get(1).value()).getEventId());
        assertThat(events(other.getRequestId(), 1).get(0).value()).isInstanceOf(MessageSent.class);
    }

    @Test
    void aRedeliveredBatchIsNeverSentAgainAndNewRequestsInItAreSent() {
        List<SendRequest> first = List.of(consentingRequest(), consentingRequest(), consentingRequest());
        pipeline.processBatch(first).block(WAIT);
        SendRequest fresh = consentingRequest();
        // the same batch again (a rebalance or a crash before the commit), now with one new request in the middle
        pipeline.processBatch(List.of(first.get(0), first.get(1), fresh, first.get(2))).block(WAIT);

        for (SendRequest request : first) {
            assertThat(STUB.callsTo(digits(request.getTo()))).as(request.getRequestId()).isEqualTo(1);
            var records = events(request.getRequestId(), 2);
            assertThat(((MessageSent) records.get(0).value()).getEventId()).as(request.getRequestId())
                    .isEqualTo(((MessageSent) records.get(1).value()).getEventId());
        }
        assertThat(STUB.callsTo(digits(fresh.getTo()))).isEqualTo(1);
        assertThat(events(fresh.getRequestId(), 1).get(0).value()).isInstanceOf(MessageSent.class);
    }

    @Test
    void aClaimThatNeverReachedItsCallIsResumedAndSentOnce() {
        SendRequest orphan = consentingRequest();
        SendRequest fresh = consentingRequest();
        // a crash between the claim and the call: CLAIMED, no call recorded, so it never left
        Document claim = new Document("_id", orphan.getRequestId()).append("subjectId", UUID.randomUUID().toString())
                .append("category", "MARKETING").append("claimedAt", new Date());
        insert(MongoMessageLog.COLLECTION, claim);
        pipeline.processBatch(List.of(orphan, fresh)).block(WAIT);

        assertThat(STUB.callsTo(digits(orphan.getTo()))).isEqualTo(1);
        assertThat(events(orphan.getRequestId(), 1).get(0).value()).isInstanceOf(MessageSent.class);
        assertThat(STUB.callsTo(digits(fresh.getTo()))).isEqualTo(1);
        assertThat(MongoMessageLog.state(log.find(orphan.getRequestId()).block(WAIT))).isEqualTo(OutcomeDocuments.SENT);
        // redelivered once more: re-published, still one call
        pipeline.processBatch(List.of(orphan)).block(WAIT);
        assertThat(STUB.callsTo(digits(orphan.getTo()))).isEqualTo(1);
        assertThat(events(orphan.getRequestId(), 2)).allMatch(r -> r.value() instanceof MessageSent);
    }

    @Test
    void aClaimWhoseCallWasRecordedIsNeverCalledAgainAndBecomesAmbiguousOnlyOnceItsSettleTimePassed() {
        SendRequest called = consentingRequest();
        SendRequest fresh = consentingRequest();
        Date claimedAt = new Date();
        insert(MongoMessageLog.COLLECTION, new Document("_id", called.getRequestId())
                .append("subjectId", UUID.randomUUID().toString()).append("category", "MARKETING")
                .append("claimedAt", claimedAt));
        // a crash while the HTTP request was in flight: CALLING, no outcome
        insert(MongoMessageLog.CALLS, new Document("_id", called.getRequestId()).append("at", claimedAt)
                .append("token", 7L).append("call", true));
        pipeline.processBatch(List.of(called, fresh)).block(WAIT);

        assertThat(STUB.callsTo(digits(called.getTo()))).isZero();
        assertThat(events(fresh.getRequestId(), 1).get(0).value()).isInstanceOf(MessageSent.class);
        assertThat(MongoMessageLog.state(log.find(called.getRequestId()).block(WAIT))).isEqualTo("CALLING");
        reconciler.reconcile(Instant.now()).block(WAIT);
        assertThat(MongoMessageLog.state(log.find(called.getRequestId()).block(WAIT))).isEqualTo("CALLING");

        // no status echoed its requestId within the settle time (10 minutes by default)
        reconciler.reconcile(Instant.now().plus(Duration.ofMinutes(11))).block(WAIT);
        MessageFailed failed = (MessageFailed) events(called.getRequestId(), 1).get(0).value();
        assertThat(failed.getAmbiguous()).isTrue();
        assertThat(MongoMessageLog.state(log.find(called.getRequestId()).block(WAIT)))
                .isEqualTo(OutcomeDocuments.AMBIGUOUS);
        assertThat(STUB.callsTo(digits(called.getTo()))).isZero();
        assertThat(unsettled.all().filter(u -> u.requestId().equals(called.getRequestId())).count().block(WAIT))
                .isZero();
    }

    @Test
    void aServerErrorIsNotRetriedAndTheStatusThatEchoesTheRequestIdMakesItSentOnce() {
        SendRequest request = consentingRequest();
        // Meta accepted the message, then answered 500 (the simulator's "accept, then 5xx")
        STUB.script(digits(request.getTo()), StubCloudApi.error(500, 131000, "something went wrong"));
        pipeline.processBatch(List.of(request)).block(WAIT);
        assertThat(STUB.callsTo(digits(request.getTo()))).isEqualTo(1);
        assertThat(MongoMessageLog.state(log.find(request.getRequestId()).block(WAIT))).isEqualTo("CALLING");

        String wamid = "wamid." + UUID.randomUUID();
        byte[] body = WebhookTests.status(wamid, "sent", null)
                .replace("\"recipient_id\":\"1\"", "\"recipient_id\":\"1\",\"biz_opaque_callback_data\":\""
                        + request.getRequestId() + "\"").getBytes(StandardCharsets.UTF_8);
        web.post().uri("/webhooks/whatsapp").header("X-Hub-Signature-256",
                WebhookSignature.sign(WebhookTests.SECRET, body)).header("Content-Type", "application/json")
                .bodyValue(body).exchange().expectStatus().isOk();

        MessageSent sent = (MessageSent) events(request.getRequestId(), 1).get(0).value();
        assertThat(sent.getWamid()).isEqualTo(wamid);
        assertThat(MongoMessageLog.state(log.find(request.getRequestId()).block(WAIT))).isEqualTo(OutcomeDocuments.SENT);
        // settled: the reconciler drops it from the list instead of reporting it ambiguous
        reconciler.reconcile(Instant.now().plus(Duration.ofMinutes(11))).block(WAIT);
        assertThat(unsettled.all().filter(u -> u.requestId().equals(request.getRequestId())).count().block(WAIT))
                .isZero();
        assertThat(MongoMessageLog.state(log.find(request.getRequestId()).block(WAIT))).isEqualTo(OutcomeDocuments.SENT);
        assertThat(STUB.callsTo(digits(request.getTo()))).isEqualTo(1);
    }

    @Test
    void aStopAnotherInstanceAcknowledgedStopsTheCallBeforeItLeavesHere() {
        SendRequest stopped = consentingRequest();
        SendRequest other = consentingRequest();
        // the other instance received the STOP webhook and recorded it before acknowledging; this instance's consent
        // view has not read it from Kafka yet (it still says CONFIRMED)
        fence.record(List.of(new StopFence.Stop(Fixtures.KEYS.of(stopped.getTo()), true, Instant.now()))).block(WAIT);
        pipeline.processBatch(List.of(stopped, other)).block(WAIT);

        assertThat(STUB.callsTo(digits(stopped.getTo()))).isZero();
        var blocked = (io.consentflow.events.MessageBlocked) events(stopped.getRequestId(), 1).get(0).value();
        assertThat(blocked.getReason().name()).isEqualTo("STOPPED");
        assertThat(STUB.callsTo(digits(other.getTo()))).isEqualTo(1);
        assertThat(events(other.getRequestId(), 1).get(0).value()).isInstanceOf(MessageSent.class);
    }

    private void insert(String collection, Document doc) {
        mongo.getCollection(collection).flatMap(c -> Mono.from(c.insertOne(doc))).block(WAIT);
    }
}
