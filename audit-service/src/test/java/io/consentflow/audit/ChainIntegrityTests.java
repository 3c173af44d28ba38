package io.consentflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.consentflow.audit.adapters.mongo.MongoCheckpointStore;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.app.AuditLog;
import io.consentflow.audit.app.CheckpointService;
import io.consentflow.audit.app.CheckpointStore;
import io.consentflow.audit.app.EntryStore;
import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.SourceRecord;
import io.consentflow.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Redelivery, concurrent appenders and a tampered store, on the real broker and MongoDB wire protocol. */
class ChainIntegrityTests extends AuditIntegrationTest {

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    AuditLog auditLog;
    @Autowired
    CheckpointService checkpoints;

    @Test
    void concurrentAppendersOfTheSameRecordsProduceOneChain() throws Exception {
        // two consumers holding the same partition for a moment (a zombie during a rebalance) append the same batch
        String topic = "rebalance-" + UUID.randomUUID().toString().substring(0, 8);
        List<SourceRecord> records = IntStream.range(0, 40).mapToObj(i -> new SourceRecord(topic, 0, i * 2L,
                UUID.randomUUID().toString(), "OptInExpired", UUID.randomUUID().toString(), Instant.now(),
                Map.of("n", (long) i))).toList();
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<AuditEntry>>> tasks = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int shift = t;
                tasks.add(() -> {
                    List<AuditEntry> written = new ArrayList<>();
                    for (int from = shift; from < records.size(); from += 7) {
                        written.addAll(auditLog.append(records.subList(0, Math.min(records.size(), from + 7))).block(java.time.Duration.ofSeconds(60)));
                    }
                    return written;
                });
            }
            long written = 0;
            for (var future : pool.invokeAll(tasks)) {
                written += future.get().size();
            }
            assertThat(written).isEqualTo(records.size());
        } finally {
            pool.shutdownNow();
        }
        String chainId = AuditEntry.chainId(topic, 0);
        List<Document> chain = Flux.from(collection(MongoEntryStore.COLLECTION).find(Filters.eq("chainId", chainId))
                .sort(Sorts.ascending("sequence"))).collectList().block();
        assertThat(chain).hasSize(records.size());
        assertThat(chain).extracting(d -> d.getLong("sequence"))
                .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> (long) i).toList());
        assertThat(chain).extracting(d -> d.getLong("offset"))
                .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> i * 2L).toList());
        get("/api/v1/audit/verify", "DPO").expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(true);
    }

    @Test
    void verifyFindsAnEntryChangedThroughTheDriverAndABadCheckpointSignature() {
        double failedBefore = verifications("failed");
        double validBefore = verifications("valid");
        String subjectId = UUID.randomUUID().toString();
        var event = TestEvents.optInConfirmed(subjectId, UUID.randomUUID().toString());
        kafka.publish("consent-events", subjectId, event);
        Document original = awaitEntries(List.of(event.getEventId())).get(0);
        String id = original.getString("_id");
        var entries = collection(MongoEntryStore.COLLECTION);
        try {
            Mono.from(entries.updateOne(Filters.eq("_id", id), Updates.set("payload.method", "WEB_PAGE"))).block();
            get("/api/v1/audit/verify", "DPO").expectStatus().isOk().expectBody()
                    .jsonPath("$.valid").isEqualTo(false)
                    .jsonPath("$.failure.kind").isEqualTo("CHANGED_ENTRY")
                    .jsonPath("$.failure.entryId").isEqualTo(id);
        } finally {
            Mono.from(entries.replaceOne(Filters.eq("_id", id), original)).block();
        }
        get("/api/v1/audit/verify", "DPO").expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(true);
        // what the verification alert reads (consentflow_audit_verification_total{result="failed"})
        assertThat(verifications("failed")).isEqualTo(failedBefore + 1);
        assertThat(verifications("valid")).isEqualTo(validBefore + 1);

        checkpoints.checkpointNow().block(java.time.Duration.ofSeconds(60));
        var stored = collection(MongoCheckpointStore.COLLECTION);
        Document latest = Mono.from(stored.find().sort(Sorts.descending("_id")).first()).block();
        try {
            String signature = latest.getString("signature");
            String forged = (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
            Mono.from(stored.updateOne(Filters.eq("_id", latest.get("_id")), Updates.set("signature", forged))).block();
            get("/api/v1/audit/verify", "DPO").expectStatus().isOk().expectBody()
                    .jsonPath("$.valid").isEqualTo(false)
                    .jsonPath("$.failure.kind").isEqualTo("BAD_CHECKPOINT_SIGNATURE");
        } finally {
            Mono.from(stored.replaceOne(Filters.eq("_id", latest.get("_id")), latest)).block();
        }
        get("/api/v1/audit/verify", "DPO").expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(true);
    }

    private void assertContiguous(String topic) {
        for (int p = 0; p < 6; p++) {
            List<Document> chain = Flux.from(collection(MongoEntryStore.COLLECTION)
                    .find(Filters.eq("chainId", AuditEntry.chainId(topic, p))).sort(Sorts.ascending("sequence")))
                    .collectList().block();
            for (int i = 0; i < chain.size(); i++) {
                assertThat(chain.get(i).getLong("sequence")).isEqualTo(i);
                if (i > 0) {
                    assertThat(chain.get(i).getString("prevHash")).isEqualTo(chain.get(i - 1).getString("hash"));
                    assertThat(chain.get(i).getLong("offset")).isGreaterThan(chain.get(i - 1).getLong("offset"));
                }
            }
        }
    }

    private double verifications(String result) {
        return meters.counter("consentflow.audit.verification", "result", result).count();
    }
}
