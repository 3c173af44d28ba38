package io.consentflow.gateway.adapters.kafka;

import io.consentflow.schemas.AvroEventDeserializer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    static final String FAILURES = "consentflow.gateway.view.follow.failures";

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
    static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    static final Duration RETRY_MAX = Duration.ofSeconds(30);
    private final AtomicLong failures = new AtomicLong();
    /** Reported once per follower: the view counts each follower's catching up exactly once. */
    private volatile boolean caughtUp;
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
        if (meters != null) {
            FunctionCounter.builder(FAILURES, failures, AtomicLong::get)
                    .description("times following the topic failed outside record handling and was started again")
                    .tag("topic", topic).register(meters);
        }
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

    /**
     * Follows until stopped. A failure outside record handling (the broker unreachable while the start position is
     * sought, a timeout asking for end offsets or positions) does not end the view: the follower opens a new consumer
     * after a back-off ({@link #RETRY_FIRST} doubling to {@link #RETRY_MAX}) and goes on from the offsets it has
     * applied, so no record is applied twice or out of order; only partitions with nothing applied yet take the start
     * position again. Before this, such a failure ended the thread with one log line and the view stayed as it was
     * for good (or never became ready).
     */
    @Override
    public void run() {
        Duration backOff = RETRY_FIRST;
        while (running) {
            try (var kafka = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures.incrementAndGet();
                // the exception's class and message only: they name the broker call, never a record's content
                log.warn("following {} failed ({}), following again in {}", topic, e.toString(), backOff);
                pause(backOff);
                backOff = backOff.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : backOff.multipliedBy(2);
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
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
        for (TopicPartition partition : partitions) {
            long next = applied.get(partition.partition()).get();
            if (next >= 0) {
                kafka.seek(partition, next); // after a failure: on from what the view already holds
            }
        }
        Map<TopicPartition, Long> end = caughtUp ? Map.of() : kafka.endOffsets(partitions);
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
    }

    /** How often following failed outside record handling and was started again. */
    long failures() {
        return failures.get();
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
        pause(Duration.ofSeconds(1));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
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
