package io.consentflow.testsupport.layoutfixture.violating.app;

import io.consentflow.testsupport.layoutfixture.violating.adapters.mongo.MongoSubjectStore;
import io.consentflow.testsupport.layoutfixture.violating.config.ViolatingProperties;

/** Rule 2: a use case on a concrete adapter and on configuration properties. */
public class EraseSubject {

    private final MongoSubjectStore store;
    private final ViolatingProperties properties;

    public EraseSubject(MongoSubjectStore store, ViolatingProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    public void erase(String subjectId) {
        if (properties.enabled()) {
            store.delete(subjectId);
        }
    }

    public void audit(String subjectId) {
        // recorded elsewhere
    }

    /** Rule 6: a use case that blocks. */
    public long countErased() {
        return reactor.core.publisher.Flux.just(1L, 2L).count().block();
    }
}
