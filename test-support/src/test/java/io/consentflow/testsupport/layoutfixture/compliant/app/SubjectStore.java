package io.consentflow.testsupport.layoutfixture.compliant.app;

import io.consentflow.testsupport.layoutfixture.compliant.domain.Subject;

/** A port the app declares. */
public interface SubjectStore {

    void save(Subject subject);
}
