package io.consentflow.audit.adapters.kafka;

import io.consentflow.events.OptInExpired;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.kafka.KafkaClientDefaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes round-robin into every partition, paced, until closed: the stream the rebalances happen in. */
final class StreamPublisher implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;
    private final List<String> eventIds = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private Thread thread;
    private boolean closed;

    private final String topic;
    private final int partitions;

    StreamPublisher(String topic, int partitions, String bootstrapServers) {
        this.topic = topic;
        this.partitions = partitions;
        Map<String, Object> config = new HashMap<>(KafkaClientDefaults.producer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producer = new KafkaProducer<>(config);
    }

    void start() {
        running = true;
        thread = new Thread(() -> {
            for (int i = 0; running; i++) {
                String subjectId = UUID.randomUUID().toString();
                var event = OptInExpired.newBuilder().setEventId(Events.newEventId()).setOccurredAt(Instant.now())
                        .setProducer("consent-service").setSubjectId(subjectId)
                        .setOptInId(UUID.randomUUID().toString()).build();
                try {
                    producer.send(new ProducerRecord<>(topic, i % partitions, subjectId, event)).get();
                    eventIds.add(event.getEventId());
                    Thread.sleep(15); // pacing, so that membership changes fall inside the stream
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "rebalance-publisher");
        thread.start();
    }

    List<String> eventIds() {
        return new ArrayList<>(eventIds);
    }

    /** Stops publishing and closes the producer; may be called more than once. */
    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(30_000);
            thread = null;
        }
        if (!closed) {
            closed = true;
            producer.close();
        }
    }
}
