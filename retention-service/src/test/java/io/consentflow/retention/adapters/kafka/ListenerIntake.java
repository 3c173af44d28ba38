package io.consentflow.retention.adapters.kafka;

import io.consentflow.retention.domain.RetentionEvent;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The retention-events listener's path after unwrapping - platform's dedupe, then the one application call - for
 * tests that hand it events without a broker round trip (imported by {@code RetentionServiceTest}).
 */
public class ListenerIntake {

    private final RetentionEventListener listener;

    ListenerIntake(RetentionEventListener listener) {
        this.listener = listener;
    }

    public Mono<Void> apply(List<RetentionEvent> events) {
        return listener.intake(events);
    }
}
