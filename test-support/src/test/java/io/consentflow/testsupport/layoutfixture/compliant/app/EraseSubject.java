package io.consentflow.testsupport.layoutfixture.compliant.app;

import io.consentflow.testsupport.layoutfixture.compliant.domain.Subject;

/** One use case. */
public class EraseSubject {

    private final SubjectStore store;

    public EraseSubject(SubjectStore store) {
        this.store = store;
    }

    public void erase(String subjectId) {
        store.save(new Subject(subjectId, false).erase());
    }

    public void eraseAll(java.util.List<String> subjectIds) {
        subjectIds.forEach(this::erase);
    }

    /** Reactive use cases compose and return; the listener blocks on them (rule 6). */
    public reactor.core.publisher.Mono<Void> eraseLater(java.util.List<String> subjectIds) {
        return reactor.core.publisher.Mono.fromRunnable(() -> eraseAll(subjectIds));
    }
}
