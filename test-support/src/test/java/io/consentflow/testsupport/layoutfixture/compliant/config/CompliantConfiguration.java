package io.consentflow.testsupport.layoutfixture.compliant.config;

import io.consentflow.testsupport.layoutfixture.compliant.app.EraseSubject;
import io.consentflow.testsupport.layoutfixture.compliant.app.SubjectStore;

/** Wiring may depend on everything. */
class CompliantConfiguration {

    EraseSubject eraseSubject(SubjectStore store) {
        return new EraseSubject(store);
    }
}
