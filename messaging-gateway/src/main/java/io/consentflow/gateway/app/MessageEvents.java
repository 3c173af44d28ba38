package io.consentflow.gateway.app;

import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Publishes to message-events, keyed by subjectId when known, else by requestId (docs/architecture.md#topics). */
@Component
public class MessageEvents {

    private final EventPublisher publisher;

    public MessageEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public Mono<Void> publish(SpecificRecord event, String requestId) {
        return Mono.fromFuture(() -> send(event, requestId)).then();
    }

    /** Hands the event to the producer without waiting for the broker; the caller awaits the futures it collects. */
    CompletableFuture<?> send(SpecificRecord event, String requestId) {
        String subjectId = Events.subjectId(event);
        String key = subjectId != null ? subjectId : requestId;
        return publisher.send(Topics.MESSAGE_EVENTS.name(), key, event);
    }
}
