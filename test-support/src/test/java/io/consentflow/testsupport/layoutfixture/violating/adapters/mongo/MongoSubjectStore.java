package io.consentflow.testsupport.layoutfixture.violating.adapters.mongo;

/** A store. */
public class MongoSubjectStore {

    public void delete(String subjectId) {
        // a store would delete here
    }
}
