package io.consentflow.gateway.consent;

import io.consentflow.schemas.AvroEventDeserializer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ALL partitions of a topic into memory on its own thread (no consumer group: every instance needs the whole
 * view because send-requests are partitioned by number, not by contactKey), from a start position to the end, then
 * follows. Reports when it has caught up with the end offsets it saw at start. With a registry it publishes, per
 * partition, the offset up to which the records are applied ({@value #APPLIED_OFFSET}): compared with a record's
 * offset it tells from outside whether the in-memory view already reflects that record. It also publishes how many
 * records of the topic are not applied yet ({@value #LAG}, the sum over its partitions as the consumer last saw the
 * end offsets): the consent-view lag alert reads it.
 */
final class TopicFollower implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    static final String APPLIED_OFFSET = "consentflow.gateway.view.applied.offset";
    static final String LAG = "consentflow.gateway.view.lag";

    private final String topic;
    private final Map<String, Object> config;
    private final Function<KafkaConsumer<String, byte[]>, Void> seek;
    private final BiConsumer<String, SpecificRecord> handler;
    private final Runnable onCaughtUp;
    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();
    private final MeterRegistry meters;
    /** partition → the offset after the last applied record (-1: nothing applied yet). */
    private final Map<Integer, AtomicLong> applied = new ConcurrentHashMap<>();
    /** Records of the topic behind its end offsets; -1 until first known. */
    private final AtomicLong lag = new AtomicLong(-1);
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /**
     * @param connection where and how to connect: bootstrap servers and the security settings (see
     *                   {@link #connectionSettings}); everything else is this follower's own
     */
    TopicFollower(String topic, Map<String, Object> connection, Function<KafkaConsumer<String, byte[]>, Void> seek,
            BiConsumer<String, SpecificRecord> handler, Runnable onCaughtUp, MeterRegistry meters) {
        this.topic = topic;
        this.meters = meters;
        Map<String, Object> config = new HashMap<>(connection);
        config.putAll(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024));
        this.config = Map.copyOf(config);
        this.seek = seek;
        this.handler = handler;
        this.onCaughtUp = onCaughtUp;
    }

    /**
     * The connection part of the service's {@code spring.kafka.*} consumer settings: bootstrap servers, security
     * protocol, SASL and TLS (a broker with authentication needs the same credentials here as in the listeners).
     * Not group, offsets or poll sizes: a follower reads every partition without a group.
     */
    static Map<String, Object> connectionSettings(Map<String, Object> consumerProperties) {
        Map<String, Object> connection = new HashMap<>();
        consumerProperties.forEach((key, value) -> {
            if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                    || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                    || key.equals(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG)
                    || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                connection.put(key, value);
            }
        });
        return connection;
    }

    /** Only bootstrap servers: a plaintext broker without authentication (benchmarks, tests). */
    static Map<String, Object> plaintext(String bootstrapServers) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    @Override
    public void run() {
        try (var kafka = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            List<TopicPartition> partitions = awaitPartitions(kafka);
            if (partitions.isEmpty()) {
                return;
            }
            kafka.assign(partitions);
            partitions.forEach(this::trackApplied);
            if (meters != null) {
                Gauge.builder(LAG, lag, AtomicLong::get)
                        .description("records of the topic not yet applied to the in-memory view (-1: not known yet)")
                        .tag("topic", topic).register(meters);
            }
            seek.apply(kafka);
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
            boolean caughtUp = false;
            while (running) {
                for (var record : kafka.poll(Duration.ofMillis(500))) {
                    handle(record.key(), record.value());
                    applied.get(record.partition()).set(record.offset() + 1);
                }
                lag.set(behind(kafka, partitions));
                if (!caughtUp && partitions.stream().allMatch(p -> kafka.position(p) >= end.get(p))) {
                    caughtUp = true;
                    onCaughtUp.run();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("following {} failed", topic, e);
        }
    }

    private void trackApplied(TopicPartition partition) {
        AtomicLong next = applied.computeIfAbsent(partition.partition(), p -> new AtomicLong(-1));
        if (meters != null) {
            Gauge.builder(APPLIED_OFFSET, next, AtomicLong::get)
                    .description("offset after the last record applied to the in-memory view (-1: none yet)")
                    .tags("topic", topic, "partition", Integer.toString(partition.partition())).register(meters);
        }
    }

    /** From the consumer's last fetch metadata, no broker call; -1 while a partition's lag is not known yet. */
    private static long behind(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
        long total = 0;
        for (TopicPartition partition : partitions) {
            var partitionLag = kafka.currentLag(partition);
            if (partitionLag.isEmpty()) {
                return -1;
            }
            total += partitionLag.getAsLong();
        }
        return total;
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            // the topic's owner creates it: wait for it rather than failing the start
            var infos = kafka.listTopics(Duration.ofSeconds(10)).get(topic);
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> partitions = new ArrayList<>();
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                return partitions;
            }
            log.info("waiting for topic {}", topic);
            sleep();
        }
        return List.of();
    }

    private void handle(String key, byte[] value) {
        if (key == null) {
            return;
        }
        try {
            handler.accept(key, value == null ? null : deserializer.deserialize(topic, value));
        } catch (RuntimeException e) {
            // no payload in the log: it may carry personal data
            log.warn("skipped an unreadable record on {}: {}", topic, e.getClass().getSimpleName());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        running = false;
        var kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
    }
}
