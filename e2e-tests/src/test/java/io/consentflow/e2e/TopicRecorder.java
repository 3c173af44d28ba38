package io.consentflow.e2e;

import io.consentflow.schemas.AvroEventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Follows one topic from its beginning in the background, like a downstream consumer, and keeps every event. */
final class TopicRecorder implements AutoCloseable {

    private final List<SpecificRecord> events = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    TopicRecorder(String bootstrapServers, String topic) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-recorder-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new AvroEventDeserializer());
        consumer.subscribe(List.of(topic));
        poller = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                        if (record.value() != null) {
                            events.add(record.value());
                        }
                    });
                }
            }
        }, "e2e-recorder-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    <T extends SpecificRecord> List<T> all(Class<T> type, Predicate<T> matching) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(matching).toList();
    }

    <T extends SpecificRecord> T await(Class<T> type, Predicate<T> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var found = all(type, matching);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            ServiceProcess.sleep(100);
        }
        throw new AssertionError("no " + type.getSimpleName() + " matching within " + timeout);
    }

    /** Waits until {@code done} holds for the recorded events; fails with {@code describe} after the timeout. */
    void awaitCondition(java.util.function.BooleanSupplier done, Duration timeout,
            java.util.function.Supplier<String> describe) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(describe.get());
            }
            ServiceProcess.sleep(200);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
    }
}
