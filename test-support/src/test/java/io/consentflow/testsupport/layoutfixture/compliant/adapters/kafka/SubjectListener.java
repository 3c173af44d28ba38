package io.consentflow.testsupport.layoutfixture.compliant.adapters.kafka;

import io.consentflow.events.OptInRequested;
import io.consentflow.platform.idempotency.IdempotentConsumer;
import io.consentflow.testsupport.layoutfixture.compliant.app.EraseSubject;
import java.time.Duration;
import java.util.List;
import org.springframework.kafka.annotation.KafkaListener;

/** Listeners that unwrap (Avro is fine here) and make one application call, directly, in a lambda or via a helper. */
class SubjectListener {

    private final EraseSubject erase;
    private final IdempotentConsumer idempotent;

    SubjectListener(EraseSubject erase, IdempotentConsumer idempotent) {
        this.erase = erase;
        this.idempotent = idempotent;
    }

    /** Dedupes through platform and blocks once, on its one application call (rules 4 and 6). */
    @KafkaListener(topics = "consent-events")
    void onDeduped(List<OptInRequested> events) {
        idempotent.process(events.stream().map(SubjectListener::unwrap).toList(), subjectId -> subjectId,
                erase::eraseLater).block(Duration.ofSeconds(30));
    }

    @KafkaListener(topics = "consent-events")
    void onEvent(OptInRequested event) {
        erase.erase(unwrap(event));
    }

    @KafkaListener(topics = "consent-events")
    void onBatch(List<OptInRequested> events) {
        handle(events.stream().map(SubjectListener::unwrap).toList());
    }

    @KafkaListener(topics = "consent-events")
    void onOptional(java.util.Optional<OptInRequested> event) {
        event.map(SubjectListener::unwrap).ifPresent(subjectId -> erase.erase(subjectId));
    }

    private void handle(List<String> subjectIds) {
        if (!subjectIds.isEmpty()) {
            erase.eraseAll(subjectIds);
        }
    }

    private static String unwrap(OptInRequested event) {
        return event.getSubjectId();
    }
}
