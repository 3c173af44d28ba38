package io.consentflow.testsupport.layoutfixture.violating.adapters.web;

import io.consentflow.testsupport.layoutfixture.violating.adapters.mongo.MongoSubjectStore;

/** Rule 3: a controller going straight to the MongoDB adapter. */
class SubjectController {

    private final MongoSubjectStore store;

    SubjectController(MongoSubjectStore store) {
        this.store = store;
    }

    void delete(String subjectId) {
        store.delete(subjectId);
    }
}
