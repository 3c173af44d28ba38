package io.consentflow.testsupport.layoutfixture.compliant.domain;

/** A pure value. */
public record Subject(String subjectId, boolean erased) {

    public Subject erase() {
        return new Subject(subjectId, true);
    }
}
