package io.consentflow.e2e;

import io.consentflow.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * How fast audit-service appends, seen from outside: its signed checkpoints (staff API, SUPPORT role) commit to the
 * total number of entries at their creation time, every 1,000 entries. The slope of (createdAt, totalEntries) is the
 * append rate. What audit-service still has to append is the number of records on the topics it audits (their end
 * offsets: one entry per record) minus the latest checkpoint's total.
 */
final class AuditMeter implements AutoCloseable {

    record Sample(Instant createdAt, long totalEntries) {
    }

    private static final List<String> AUDITED = List.of(Topics.CONSENT_EVENTS.name(), Topics.SEND_REQUESTS.name(),
            Topics.MESSAGE_EVENTS.name(), Topics.WHATSAPP_INBOUND.name(), Topics.RETENTION_COMMANDS.name());

    /**
     * Each sample is a staff request audit-service pays for (token check, checkpoint query, accountability record),
     * charged to its CPU per send: every 2 s is enough for a slope over a phase of a minute (was 500 ms).
     */
    private static final long SAMPLE_MILLIS = 2_000;

    private final Suite suite;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final String token = Suite.current().staffToken("SUPPORT");
    private final Thread sampler;
    private volatile boolean running = true;

    AuditMeter(Suite suite) {
        this.suite = suite;
        sampler = new Thread(() -> {
            while (running) {
                latest().filter(s -> samples.isEmpty() || samples.get(samples.size() - 1).totalEntries()
                        != s.totalEntries()).ifPresent(samples::add);
                ServiceProcess.sleep(SAMPLE_MILLIS);
            }
        }, "e2e-bench-audit");
        sampler.setDaemon(true);
        sampler.start();
    }

    java.util.Optional<Sample> latest() {
        try {
            var response = Http.get(suite.audit.baseUrl() + "/api/v1/audit/checkpoints?page=0&size=1", token);
            if (response.status() != 200 || response.json().isEmpty()) {
                return java.util.Optional.empty();
            }
            JsonNode newest = response.json().get(0);
            JsonNode created = newest.path("createdAt");
            Instant createdAt = created.isNumber() ? Instant.ofEpochMilli(created.asLong())
                    : Instant.parse(created.asString());
            return java.util.Optional.of(new Sample(createdAt, newest.path("totalEntries").asLong()));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Waits until the latest checkpoint covers every record on the audited topics but at most 1,000 (its
     * granularity), or the timeout passed; returns the records still to audit.
     */
    long awaitCaughtUp(java.time.Duration timeout) {
        long target = recordsToAudit();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline
                && latest().map(s -> s.totalEntries() < target - 1_000).orElse(true)) {
            ServiceProcess.sleep(1_000);
        }
        return Math.max(0, target - latest().map(Sample::totalEntries).orElse(0L));
    }

    List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** Records on the audited topics (and their dead-letter topics): what the log holds once it has caught up. */
    long recordsToAudit() {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-bench-offsets-" + UUID.randomUUID()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics().forEach((topic, infos) -> {
                boolean audited = AUDITED.contains(topic)
                        || (topic.endsWith("-dlt") && Topics.byName(topic.substring(0, topic.length() - 4)).isPresent());
                if (audited) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            });
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(5_000);
    }
}
