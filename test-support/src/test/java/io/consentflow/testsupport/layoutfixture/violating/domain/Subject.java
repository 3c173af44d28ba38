package io.consentflow.testsupport.layoutfixture.violating.domain;

import io.consentflow.events.OptInRequested;
import io.consentflow.testsupport.layoutfixture.violating.app.EraseSubject;

/** Rule 1: a domain type built from a generated Avro type, reaching into app. */
public record Subject(String subjectId) {

    public static Subject of(OptInRequested event) {
        return new Subject(event.getSubjectId());
    }

    public void eraseWith(EraseSubject erase) {
        erase.erase(subjectId);
    }
}
