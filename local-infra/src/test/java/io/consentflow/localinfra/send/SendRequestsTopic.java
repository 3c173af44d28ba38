package io.consentflow.localinfra.send;

import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node KRaft broker (spring-kafka-test, as test-support starts it) holding {@code send-requests} as the
 * catalog lays it out, and raw reads of that topic, so tests decode values with the project's own deserializer.
 */
final class SendRequestsTopic implements AutoCloseable {

    private static final String TOPIC = Topics.SEND_REQUESTS.name();
    private final EmbeddedKafkaKraftBroker broker;

    private SendRequestsTopic(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    static SendRequestsTopic start() {
        var broker = new EmbeddedKafkaKraftBroker(1, Topics.SEND_REQUESTS.partitions(), TOPIC);
        // as run-local.sh's broker: a record for a topic nobody created fails instead of creating it
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.afterPropertiesSet();
        return new SendRequestsTopic(broker);
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /** The next offset of every partition: a snapshot to read from later. */
    Map<TopicPartition, Long> endOffsets() {
        try (var consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer));
        }
    }

    /** Every record written after {@code from}, in partition order. */
    List<ConsumerRecord<String, byte[]>> recordsSince(Map<TopicPartition, Long> from) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        return consumer.partitionsFor(TOPIC).stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
