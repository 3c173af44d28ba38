package io.consentflow.testsupport.layoutfixture.compliant.adapters.mongo;

import io.consentflow.testsupport.layoutfixture.compliant.app.SubjectStore;
import io.consentflow.testsupport.layoutfixture.compliant.domain.Subject;

/** An adapter implementing the port. */
class MongoSubjectStore implements SubjectStore {

    @Override
    public void save(Subject subject) {
        // a store would write the document here
    }
}
