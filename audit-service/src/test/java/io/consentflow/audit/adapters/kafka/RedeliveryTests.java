package io.consentflow.audit.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.app.AuditLog;
import io.consentflow.audit.app.EntryStore;
import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.OptInSource;
import io.consentflow.schemas.Events;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffTokens;
import io.consentflow.testsupport.TestInfrastructure;
import io.consentflow.testsupport.WithTestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import io.consentflow.platform.mongo.MongoCollections;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Redelivery as after a rebalance onto a consumer that lost the committed offsets, or a restart from an old offset:
 * a second consumer, built by the production container factory and calling the production translator and log,
 * replays the whole topic from offset 0 while the service's own listener keeps running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@WithTestInfrastructure
class RedeliveryTests {

    @Autowired
    WebTestClient web;
    @Autowired
    MongoCollections mongo;
    @Autowired
    AuditLog auditLog;
    @Autowired
    RecordTranslator translator;
    @Autowired
    @Qualifier(AuditKafkaConfiguration.FACTORY)
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory;

    @Test
    void replayingATopicFromTheStartNeitherDuplicatesNorForksAChain() throws Exception {
        KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();
        List<String> eventIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String subjectId = UUID.randomUUID().toString();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            var event = OptInRequested.newBuilder().setEventId(Events.newEventId()).setOccurredAt(now)
                    .setProducer("consent-service").setSubjectId(subjectId).setOptInId(UUID.randomUUID().toString())
                    .setPurposes(List.of("offers")).setSource(OptInSource.API).setNoticeVersion("2026-10")
                    .setConsentTextHash("ab".repeat(32)).setEvidenceDigest("sd:x").setLocale("de")
                    .setExpiresAt(now.plusSeconds(3600)).build();
            eventIds.add(event.getEventId());
            kafka.publish("consent-events", subjectId, event);
        }
        await().atMost(Duration.ofSeconds(45)).until(() -> count(Filters.in("eventId", eventIds)) == eventIds.size());
        long before = count(Filters.regex("chainId", "^consent-events-"));

        var replay = factory.createContainer("consent-events");
        replay.getContainerProperties().setGroupId("audit-replay-" + UUID.randomUUID());
        List<Integer> replayed = new java.util.concurrent.CopyOnWriteArrayList<>();
        replay.getContainerProperties().setMessageListener((BatchMessageListener<byte[], byte[]>) records -> {
            List<ConsumerRecord<byte[], byte[]>> batch = records;
            replayed.add(batch.size());
            auditLog.append(batch.stream().map(translator::translate).toList()).block(java.time.Duration.ofSeconds(60));
        });
        replay.start();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 6; p++) {
                latest.put(new TopicPartition("consent-events", p), OffsetSpec.latest());
            }
            long total = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            await().atMost(Duration.ofSeconds(45))
                    .until(() -> replayed.stream().mapToInt(Integer::intValue).sum() >= total);
        } finally {
            replay.stop();
        }

        assertThat(count(Filters.in("eventId", eventIds))).isEqualTo(eventIds.size());
        assertThat(count(Filters.regex("chainId", "^consent-events-"))).isEqualTo(before);
        for (int p = 0; p < 6; p++) {
            List<Document> chain = Flux.from(collection().find(Filters.eq("chainId",
                    AuditEntry.chainId("consent-events", p))).sort(Sorts.ascending("sequence"))).collectList().block();
            for (int i = 0; i < chain.size(); i++) {
                assertThat(chain.get(i).getLong("sequence")).isEqualTo(i);
                if (i > 0) {
                    assertThat(chain.get(i).getString("prevHash")).isEqualTo(chain.get(i - 1).getString("hash"));
                    assertThat(chain.get(i).getLong("offset")).isGreaterThan(chain.get(i - 1).getLong("offset"));
                }
            }
        }
        web.get().uri("/api/v1/audit/verify").headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(true);
    }

    @Autowired
    org.springframework.kafka.config.KafkaListenerEndpointRegistry registry;

    @Test
    void aRestartedListenerContinuesTheChains() {
        KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();
        registry.getListenerContainer(AuditListeners.LISTENER_EVENTS).stop();
        String subjectId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var event = io.consentflow.events.OptInExpired.newBuilder().setEventId(Events.newEventId()).setOccurredAt(now)
                .setProducer("consent-service").setSubjectId(subjectId).setOptInId(UUID.randomUUID().toString()).build();
        kafka.publish("consent-events", subjectId, event);
        registry.getListenerContainer(AuditListeners.LISTENER_EVENTS).start();
        await().atMost(Duration.ofSeconds(45)).until(() -> count(Filters.eq("eventId", event.getEventId())) == 1);
        web.get().uri("/api/v1/audit/verify").headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.valid").isEqualTo(true);
    }

    private com.mongodb.reactivestreams.client.MongoCollection<Document> collection() {
        return mongo.named(MongoEntryStore.COLLECTION);
    }

    private long count(org.bson.conversions.Bson filter) {
        return Mono.from(collection().countDocuments(filter)).block();
    }
}
