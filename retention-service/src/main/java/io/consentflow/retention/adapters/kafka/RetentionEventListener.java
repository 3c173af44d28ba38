package io.consentflow.retention.adapters.kafka;

import io.consentflow.platform.idempotency.IdempotentConsumer;
import io.consentflow.platform.kafka.PolledRecords;
import io.consentflow.retention.app.DeadlineService;
import io.consentflow.retention.domain.RetentionEvent;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Consumes consent-events and message-events a poll at a time: unwraps each record (status changes and other events
 * no deadline depends on are dropped here, without a database round trip), drops the eventIds applied before
 * (platform's {@link IdempotentConsumer} on {@code processed_events}: one lookup and one insert per batch) and hands
 * the rest to the deadline service, blocking once on that call. A poison record ends the batch: the records before it are handled, then
 * {@link BatchListenerFailedException} makes the error handler commit those, send the poison record to
 * {@code <topic>-dlt} with its error headers, and redeliver the ones after it.
 */
@Component
class RetentionEventListener {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DeadlineService deadlines;
    private final IdempotentConsumer idempotent;

    RetentionEventListener(DeadlineService deadlines, IdempotentConsumer idempotent) {
        this.deadlines = deadlines;
        this.idempotent = idempotent;
    }

    // about three events per message sent, of which one moves a deadline: fuller fetches (fewer polls, batches and
    // broker fetch requests), at most 500 ms later; no deadline is that close. Without load the wait is how often it
    // fetches its 12 partitions: at 100 ms ten times a second
    @KafkaListener(id = "retention-events", idIsGroup = false, topics = {"consent-events", "message-events"},
            batch = "true", properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=500"})
    void onEvents(List<ConsumerRecord<String, SpecificRecord>> records) {
        PolledRecords<RetentionEvent> polled =
                PolledRecords.of(records, value -> EventMapper.toRetentionEvent(value).orElse(null));
        handle(polled.events());
        polled.throwIfPoisoned();
    }

    private void handle(List<RetentionEvent> events) {
        if (!events.isEmpty()) {
            try {
                intake(events).block(TIMEOUT);
            } catch (RuntimeException transientFailure) {
                // nothing of the batch is committed; the error handler retries it from its first record
                throw new BatchListenerFailedException("batch failed", transientFailure, 0);
            }
        }
    }

    /**
     * The events not applied before, applied in one call, then remembered (messages recorded are applied on every
     * delivery and never remembered: a repeat moves nothing, {@link RetentionEvent#rememberedById}).
     */
    Mono<Void> intake(List<RetentionEvent> events) {
        return idempotent.process(events, RetentionEvent::eventId, RetentionEvent::rememberedById,
                deadlines::handleAll);
    }

}
