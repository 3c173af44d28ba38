package io.consentflow.e2e;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.platform.kafka.InboundReadings;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A downstream consumer of message-events, consent-state and whatsapp-inbound that keeps, per send request and per contactKey, the
 * first outcome and the Kafka record timestamp (CreateTime: the producing service's clock when it handed the record
 * to its producer). Indexed instead of listed, so tens of thousands of outcomes stay cheap to look up.
 */
final class TimedTopics implements AutoCloseable {

    /** The first terminal outcome of a request (redeliveries keep their eventId and are ignored). */
    record Outcome(SpecificRecord event, long timestamp) {
        boolean sent() {
            return event instanceof MessageSent;
        }

        boolean blockedAs(String reason) {
            return event instanceof MessageBlocked blocked && blocked.getReason().name().equals(reason);
        }
    }

    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    /** Where and when a record was written. */
    record Position(long timestamp, int partition, long offset) {
    }

    /** contactKey + status → the first snapshot with that status. */
    private final Map<String, Position> firstStatus = new ConcurrentHashMap<>();
    /** contactKey + status → completed with the first snapshot with that status, for those who wait for it. */
    private final Map<String, CompletableFuture<Position>> statusWaiters = new ConcurrentHashMap<>();
    /** contactKey → the first inbound message that withdraws consent. */
    private final Map<String, Position> firstStop = new ConcurrentHashMap<>();
    /** contactKey → the first inbound message of any kind (a tapped button among them). */
    private final Map<String, Position> firstInbound = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    TimedTopics(String bootstrapServers) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000,
                // latencies come from record timestamps, not from when this reader sees a record: fuller, rarer
                // fetches keep the measuring reader's load off the broker the suite shares
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 65_536, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                new StringDeserializer(), new AvroEventDeserializer());
        consumer.subscribe(List.of(Topics.MESSAGE_EVENTS.name(), Topics.CONSENT_STATE.name(),
                Topics.WHATSAPP_INBOUND.name()));
        poller = new Thread(() -> {
            try (consumer) {
                while (running) {
                    consumer.poll(Duration.ofMillis(20)).forEach(this::record);
                }
            }
        }, "e2e-bench-recorder");
        poller.setDaemon(true);
        poller.start();
    }

    private void record(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        long timestamp = record.timestamp();
        if (value instanceof MessageSent sent) {
            outcomes.putIfAbsent(sent.getRequestId(), new Outcome(sent, timestamp));
        } else if (value instanceof MessageBlocked blocked) {
            outcomes.putIfAbsent(blocked.getRequestId(), new Outcome(blocked, timestamp));
        } else if (value instanceof MessageFailed failed && failed.getRequestId() != null) {
            outcomes.putIfAbsent(failed.getRequestId(), new Outcome(failed, timestamp));
        } else if (value instanceof ConsentSnapshot snapshot) {
            String key = snapshot.getContactKey() + "/" + snapshot.getStatus();
            firstStatus.putIfAbsent(key, new Position(timestamp, record.partition(), record.offset()));
            CompletableFuture<Position> waiter = statusWaiters.get(key);
            if (waiter != null) {
                waiter.complete(firstStatus.get(key));
            }
        } else if (value instanceof InboundMessage inbound) {
            Position at = new Position(timestamp, record.partition(), record.offset());
            firstInbound.putIfAbsent(inbound.getContactKey(), at);
            if (InboundReadings.of(inbound).kind().withdraws()) {
                firstStop.putIfAbsent(inbound.getContactKey(), at);
            }
        }
    }

    Outcome outcome(String requestId) {
        return outcomes.get(requestId);
    }

    /** The first consent-state snapshot of this contact with this status, or null. */
    Position status(String contactKey, ConsentStatus status) {
        return firstStatus.get(contactKey + "/" + status);
    }

    /**
     * Completes with the first consent-state snapshot of this contact with this status, at once if it was seen
     * already: many waiters block on it instead of each polling {@link #status}.
     */
    CompletableFuture<Position> whenStatus(String contactKey, ConsentStatus status) {
        String key = contactKey + "/" + status;
        CompletableFuture<Position> waiter = statusWaiters.computeIfAbsent(key, k -> new CompletableFuture<>());
        Position seen = firstStatus.get(key); // recorded before the waiter was there: the recorder did not see it
        if (seen != null) {
            waiter.complete(seen);
        }
        return waiter;
    }

    /** The first whatsapp-inbound message of this contact, of any kind, or null. */
    Position inbound(String contactKey) {
        return firstInbound.get(contactKey);
    }

    /** The first whatsapp-inbound message of this contact that withdraws consent, or null. */
    Position stop(String contactKey) {
        return firstStop.get(contactKey);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
    }
}
