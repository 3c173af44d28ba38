package io.consentflow.testsupport;

import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.AvroEventSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Talks to the test broker the way another service or a campaign system would: publishes events with the suite's
 * serde (or raw bytes, for poison records) and waits for events with a bounded timeout, never forever.
 */
public final class KafkaTestClient {

    /** Where and how to connect: bootstrap servers, and security settings on a broker that authenticates. */
    private final Map<String, Object> connection;

    public KafkaTestClient(String bootstrapServers) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** A client with these connection settings (bootstrap servers plus e.g. SASL), as {@link SecuredKafkaBroker} gives. */
    public KafkaTestClient(Map<String, Object> connection) {
        this.connection = Map.copyOf(connection);
    }

    public static KafkaTestClient forTestInfrastructure() {
        return new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
    }

    public void publish(String topic, String key, SpecificRecord event) {
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new AvroEventSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    /** With record headers, as an instrumented producer would send them ({@code traceparent}, ...). */
    public void publish(String topic, String key, SpecificRecord event, Map<String, String> headers) {
        var record = new ProducerRecord<String, SpecificRecord>(topic, key, event);
        headers.forEach((name, value) -> record.headers().add(name,
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new AvroEventSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    public void publishRaw(String topic, String key, byte[] value) {
        try (var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    /** Reads the topic from the beginning until a matching event arrives or the timeout passes. */
    public <T extends SpecificRecord> T await(String topic, Class<T> type, Predicate<T> matching, Duration timeout) {
        List<ConsumerRecord<String, SpecificRecord>> found = awaitRecords(topic,
                record -> type.isInstance(record.value()) && matching.test(type.cast(record.value())), 1, timeout);
        return type.cast(found.get(0).value());
    }

    /** Reads the topic from the beginning until {@code count} matching records arrived; fails after the timeout. */
    public List<ConsumerRecord<String, SpecificRecord>> awaitRecords(String topic,
            Predicate<ConsumerRecord<String, SpecificRecord>> matching, int count, Duration timeout) {
        List<ConsumerRecord<String, SpecificRecord>> matched = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new AvroEventDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && matched.size() < count) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (matching.test(record)) {
                        matched.add(record);
                    }
                }
            }
        }
        if (matched.size() < count) {
            throw new AssertionError("expected " + count + " matching records on " + topic + " within " + timeout
                    + " but found " + matched.size());
        }
        return matched;
    }

    /** Every record currently on the topic, raw, read to the end (for DLT checks and personal-data scans). */
    public List<ConsumerRecord<String, byte[]>> readAllRaw(String topic, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            int emptyPolls = 0;
            while (Instant.now().isBefore(deadline) && emptyPolls < 5) {
                var polled = consumer.poll(Duration.ofMillis(200));
                emptyPolls = polled.isEmpty() && !consumer.assignment().isEmpty() ? emptyPolls + 1 : 0;
                polled.forEach(records::add);
            }
        }
        return records;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new java.util.HashMap<>(connection);
        config.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        return config;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new java.util.HashMap<>(connection);
        config.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        return config;
    }
}
