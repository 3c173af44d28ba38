package io.consentflow.retention.kafka;

import io.consentflow.retention.app.DeadlineService;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes consent-events and message-events: unwraps, and hands each event to the deadline service (which dedupes). */
@Component
class RetentionEventListener {

    private final DeadlineService deadlines;

    RetentionEventListener(DeadlineService deadlines) {
        this.deadlines = deadlines;
    }

    @KafkaListener(id = "retention-events", idIsGroup = false, topics = {"consent-events", "message-events"})
    void onEvent(SpecificRecord value) {
        EventMapper.toRetentionEvent(value)
                .ifPresent(event -> deadlines.handle(event).block(Duration.ofSeconds(30)));
    }

}
