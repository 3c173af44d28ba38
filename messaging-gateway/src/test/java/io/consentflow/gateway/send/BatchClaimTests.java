package io.consentflow.gateway.send;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.time.Duration;
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
    MessageLog log;

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
    void aClaimWithoutOutcomeInsideABatchIsAmbiguousWhileTheOthersAreSent() {
        SendRequest orphan = consentingRequest();
        SendRequest fresh = consentingRequest();
        Document claim = new Document("_id", orphan.getRequestId()).append("subjectId", UUID.randomUUID().toString())
                .append("category", "MARKETING").append("claimedAt", new Date());
        mongo.getCollection(MessageLog.COLLECTION).flatMap(c -> Mono.from(c.insertOne(claim))).block(WAIT);
        pipeline.processBatch(List.of(orphan, fresh)).block(WAIT);

        assertThat(STUB.callsTo(digits(orphan.getTo()))).isZero();
        MessageFailed failed = (MessageFailed) events(orphan.getRequestId(), 1).get(0).value();
        assertThat(failed.getAmbiguous()).isTrue();
        assertThat(STUB.callsTo(digits(fresh.getTo()))).isEqualTo(1);
        assertThat(events(fresh.getRequestId(), 1).get(0).value()).isInstanceOf(MessageSent.class);
        assertThat(MessageLog.state(log.find(orphan.getRequestId()).block(WAIT))).isEqualTo(Outcomes.AMBIGUOUS);
        // the claim is left as it was: the outcome is a document of its own
        Document stored = mongo.getCollection(MessageLog.COLLECTION)
                .flatMap(c -> Mono.from(c.find(new Document("_id", orphan.getRequestId())).first())).block(WAIT);
        assertThat(stored).isEqualTo(claim);
    }
}
