package io.consentflow.e2e;

import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A broker of the erasure scan's own: the topics that carry numbers get the catalog's settings with shortened
 * bounds, and the broker checks retention every second, so "after the bound" comes within the test. Scans every
 * topic (raw key, value and header bytes through a consumer) and every file in the broker's log directories.
 */
final class ScanBroker implements AutoCloseable {

    static final Duration RETENTION = Duration.ofSeconds(20);
    static final Duration SEGMENT = Duration.ofSeconds(5);
    static final Duration FILE_DELETE_DELAY = Duration.ofSeconds(1);
    static final Duration RETENTION_CHECK = Duration.ofSeconds(1);

    private final EmbeddedKafkaKraftBroker broker;
    private final Path logDir;

    ScanBroker() {
        try {
            logDir = Files.createTempDirectory("erasure-scan-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.brokerProperty("log.cleaner.backoff.ms", "1000");
        broker.brokerProperty("log.retention.check.interval.ms", Long.toString(RETENTION_CHECK.toMillis()));
        broker.brokerProperty("log.dirs", logDir.toString());
        broker.afterPropertiesSet();
        createNumberTopics();
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** The catalog's settings for the topics that carry numbers, with the shortened bounds. */
    static Map<String, String> shortened(TopicSpec topic) {
        Map<String, String> configs = new HashMap<>(topic.configs());
        configs.put("retention.ms", Long.toString(RETENTION.toMillis()));
        configs.put("segment.ms", Long.toString(SEGMENT.toMillis()));
        configs.put("file.delete.delay.ms", Long.toString(FILE_DELETE_DELAY.toMillis()));
        return configs;
    }

    /** The bound of the catalog's formula on this broker: retention + segment + retention check + file delay. */
    static Duration lastCopyGoneWithin() {
        return Topics.lastCopyGoneWithin(shortened(Topics.SEND_REQUESTS), RETENTION_CHECK);
    }

    private void createNumberTopics() {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            for (TopicSpec topic : Topics.allWithDeadLetters()) {
                if (topic.carriesPersonalData()) {
                    topics.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(shortened(topic)));
                }
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the scan's topics", e);
        }
    }

    /**
     * Sets the shortened bounds again: every service brings the topics it creates to the catalog's settings when it
     * starts ({@code spring.kafka.admin.modify-topic-configs}), so this runs once the stack is up.
     */
    void shortenBounds() {
        try (Admin admin = admin()) {
            Map<org.apache.kafka.common.config.ConfigResource, java.util.Collection<org.apache.kafka.clients.admin.AlterConfigOp>> ops =
                    new HashMap<>();
            for (TopicSpec topic : Topics.allWithDeadLetters()) {
                if (topic.carriesPersonalData()) {
                    ops.put(new org.apache.kafka.common.config.ConfigResource(
                                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic.name()),
                            shortened(topic).entrySet().stream().map(e -> new org.apache.kafka.clients.admin.AlterConfigOp(
                                    new org.apache.kafka.clients.admin.ConfigEntry(e.getKey(), e.getValue()),
                                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)).toList());
                }
            }
            admin.incrementalAlterConfigs(ops).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot shorten the topic bounds", e);
        }
    }

    /** topic -> the needles found in any record's key, value or headers. */
    Map<String, Set<String>> scanTopics(List<String> needles) {
        Map<String, Set<String>> found = new TreeMap<>();
        try (Admin admin = admin()) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (String topic : topics) {
                if (topic.startsWith("__")) {
                    continue; // the broker's own: group offsets and transaction state, no record data
                }
                for (String text : readAll(topic)) {
                    needles.stream().filter(text::contains)
                            .forEach(n -> found.computeIfAbsent(topic, t -> new TreeSet<>()).add(n));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("topic scan failed", e);
        }
        return found;
    }

    /** The broker's log directories, as the broker reports them. */
    List<Path> logDirs() {
        try (Admin admin = admin()) {
            var nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream().map(n -> n.id()).toList();
            List<Path> dirs = new ArrayList<>();
            admin.describeLogDirs(nodes).allDescriptions().get(30, TimeUnit.SECONDS)
                    .forEach((node, byDir) -> byDir.keySet().forEach(dir -> dirs.add(Path.of(dir))));
            return dirs;
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the log directories", e);
        }
    }

    /** Every file under the broker's log directories (segments, indexes, deleted files) -> needles in its bytes. */
    Map<String, Set<String>> scanFiles(List<String> needles) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Path dir : logDirs()) {
            scanFiles(dir, needles, found);
        }
        return found;
    }

    private static void scanFiles(Path logDir, List<String> needles, Map<String, Set<String>> found) {
        try (Stream<Path> files = Files.walk(logDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes;
                try {
                    bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    continue; // deleted while we looked: nothing left to find in it
                }
                for (String needle : needles) {
                    if (bytes.contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                        found.computeIfAbsent(logDir.relativize(file).toString(), f -> new TreeSet<>()).add(needle);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The records holding a needle, with partition, offset and timestamp: what an assertion message should show. */
    List<String> whereFound(List<String> needles) {
        List<String> out = new ArrayList<>();
        try (Admin admin = admin()) {
            for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
                if (!topic.startsWith("__")) {
                    readAll(topic, out, needles);
                }
            }
        } catch (Exception e) {
            out.add("scan failed: " + e);
        }
        return out;
    }

    private List<String> readAll(String topic) {
        return readAll(topic, null, List.of());
    }

    /** Each record as text (ISO-8859-1, so every byte maps to one char): key, value and every header value. */
    private List<String> readAll(String topic, List<String> where, List<String> needles) {
        List<String> texts = new ArrayList<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    StringBuilder text = new StringBuilder();
                    if (record.key() != null) {
                        text.append(new String(record.key(), StandardCharsets.ISO_8859_1)).append('\n');
                    }
                    if (record.value() != null) {
                        text.append(new String(record.value(), StandardCharsets.ISO_8859_1)).append('\n');
                    }
                    record.headers().forEach(h -> text.append(h.value() == null ? ""
                            : new String(h.value(), StandardCharsets.ISO_8859_1)).append('\n'));
                    String decoded = new String(text.toString().getBytes(StandardCharsets.ISO_8859_1),
                            StandardCharsets.UTF_8);
                    texts.add(decoded);
                    if (where != null && needles.stream().anyMatch(decoded::contains)) {
                        where.add(topic + "-" + record.partition() + "@" + record.offset() + " "
                                + record.timestampType() + " " + java.time.Instant.ofEpochMilli(record.timestamp()));
                    }
                }
            }
        }
        return texts;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
