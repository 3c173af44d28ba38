package io.consentflow.e2e;

import io.consentflow.schemas.AvroEventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one topic from its beginning in the background, like a downstream consumer, and keeps every event, also by
 * its {@code requestId} where its schema has one. A journey's suite records tens of thousands of message events; a
 * copy-on-write list copied all of them on every add, and looking up each of a campaign's 10,000 requests by scanning
 * every event kept the test JVM busy for minutes of CPU that the suite under test needed.
 */
final class TopicRecorder implements AutoCloseable {

    private final Queue<SpecificRecord> events = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<SpecificRecord>> byRequestId = new ConcurrentHashMap<>();
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
                            keep(record.value());
                        }
                    });
                }
            }
        }, "e2e-recorder-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    private void keep(SpecificRecord event) {
        var field = event.getSchema().getField("requestId");
        if (field != null && event.get(field.pos()) != null) {
            byRequestId.computeIfAbsent(event.get(field.pos()).toString(), id -> new ConcurrentLinkedQueue<>())
                    .add(event);
        }
        events.add(event);
    }

    /** The events of one request ({@code requestId}), in the order they were recorded. */
    <T extends SpecificRecord> List<T> ofRequest(Class<T> type, String requestId) {
        Queue<SpecificRecord> recorded = byRequestId.get(requestId);
        return recorded == null ? List.of() : recorded.stream().filter(type::isInstance).map(type::cast).toList();
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
