package io.consentflow.gateway.app;

import reactor.core.publisher.Mono;

/** A subject's entries in the message log, for erasure (port; {@code adapters.mongo.SubjectLogEraser}). */
public interface SubjectLog {

    /** Deletes the subject's log entries (of one purpose, or all when null); answers how many requests went. */
    Mono<Long> erase(String subjectId, String purpose);
}
