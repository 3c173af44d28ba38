package io.consentflow.gateway.bench;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.gateway.adapters.kafka.ConsentViewBootstrap;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.StubCloudApiInitializer;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.TestInfrastructure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The consent view's figures: heap per subject of the packed table at a million subjects, and the time to bootstrap
 * a fresh table from a compacted topic of a million snapshots, as the gateway does on start.
 */
final class ConsentViewFigures {

    private ConsentViewFigures() {
    }

    /** Heap per subject of a table of {@code subjects} entries, and the time to load as many from a topic. */
    static Map<String, Object> measure(int subjects) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        // heap: the packed table alone, measured on a fresh instance
        System.gc();
        long before = usedHeap();
        var table = new ConsentTable(subjects);
        List<String> purposes = List.of("offers", "support");
        for (int i = 0; i < subjects; i++) {
            table.put(Fixtures.KEYS.of("+4917" + (100_000_000 + i)), new ConsentFacts(UUID.randomUUID().toString(),
                    io.consentflow.gateway.domain.ConsentStatus.CONFIRMED, Set.copyOf(purposes), false));
        }
        System.gc();
        long after = usedHeap();
        figures.put("consent_view_subjects", table.size());
        figures.put("consent_view_heap_bytes_per_subject", Math.round((after - before) / (double) subjects * 10) / 10.0);

        // bootstrap: 1M snapshots on a compacted topic, read into a fresh table as the gateway does on start
        TopicSpec topic = new TopicSpec("consent-state-bench-" + UUID.randomUUID(), Topics.CONSENT_STATE.key(),
                Topics.CONSENT_STATE.valueTypes(), Topics.CONSENT_STATE.partitions(), Topics.CONSENT_STATE.configs(),
                Topics.CONSENT_STATE.writers(), Topics.CONSENT_STATE.owner(), false);
        StubCloudApiInitializer.createTopics(List.of(topic));
        var acked = new AtomicInteger();
        try (var producer = bulkProducer()) {
            for (int i = 0; i < subjects; i++) {
                String number = "+4917" + (100_000_000 + i);
                String key = Fixtures.KEYS.of(number);
                producer.send(new ProducerRecord<>(topic.name(), key, ConsentSnapshot.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                        .setProducer("consent-service").setSubjectId(UUID.randomUUID().toString()).setContactKey(key)
                        .setStatus(ConsentStatus.CONFIRMED).setPurposes(purposes).setVersion(1).build()),
                        (metadata, error) -> {
                            if (error == null) {
                                acked.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        figures.put("consent_view_bootstrap_records", acked.get());
        var fresh = new ConsentTable(subjects);
        long start = System.nanoTime();
        ConsentViewBootstrap.load(topic.name(), TestInfrastructure.get().kafkaBootstrapServers(), fresh);
        figures.put("consent_view_bootstrap_1m_seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
        figures.put("consent_view_bootstrap_loaded", fresh.size());
        return figures;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** A producer for loading test data fast, not the gateway's (acks=1, no idempotence). */
    static KafkaProducer<String, SpecificRecord> bulkProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000, ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000,
                // bulk loading only: the embedded broker answers OUT_OF_ORDER_SEQUENCE under this load otherwise
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new AvroEventSerializer());
    }
}
