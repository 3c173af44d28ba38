package io.consentflow.gateway.send;

import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Publishes to message-events, keyed by subjectId when known, else by requestId (docs/architecture.md#topics). */
@Component
public class MessageEvents {

    private final KafkaTemplate<String, SpecificRecord> kafka;

    MessageEvents(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    public Mono<Void> publish(SpecificRecord event, String requestId) {
        return Mono.fromFuture(() -> send(event, requestId)).then();
    }

    /** Hands the event to the producer without waiting for the broker; the caller awaits the futures it collects. */
    CompletableFuture<?> send(SpecificRecord event, String requestId) {
        String subjectId = Events.subjectId(event);
        String key = subjectId != null ? subjectId : requestId;
        return kafka.send(Topics.MESSAGE_EVENTS.name(), key, event);
    }
}
