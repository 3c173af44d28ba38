package io.consentflow.testsupport.layoutfixture.violating.adapters.kafka;

import io.consentflow.testsupport.layoutfixture.violating.app.EraseSubject;
import org.springframework.kafka.annotation.KafkaListener;

/** Rule 4: one listener makes two application calls (one through a helper), another none. */
class SubjectListener {

    private final EraseSubject erase;

    SubjectListener(EraseSubject erase) {
        this.erase = erase;
    }

    @KafkaListener(topics = "consent-events")
    void twoCalls(String subjectId) {
        erase.erase(subjectId);
        record(subjectId);
    }

    @KafkaListener(topics = "consent-events")
    void noCall(String subjectId) {
        // dropped without a use case; a listener may block (rule 6 allows it here)
        reactor.core.publisher.Mono.just(subjectId).block();
    }

    private void record(String subjectId) {
        erase.audit(subjectId);
    }
}
