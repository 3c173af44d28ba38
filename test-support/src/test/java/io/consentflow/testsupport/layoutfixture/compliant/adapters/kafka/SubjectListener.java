package io.consentflow.testsupport.layoutfixture.compliant.adapters.kafka;

import io.consentflow.events.OptInRequested;
import io.consentflow.testsupport.layoutfixture.compliant.app.EraseSubject;
import java.util.List;
import org.springframework.kafka.annotation.KafkaListener;

/** Listeners that unwrap (Avro is fine here) and make one application call, directly, in a lambda or via a helper. */
class SubjectListener {

    private final EraseSubject erase;

    SubjectListener(EraseSubject erase) {
        this.erase = erase;
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
