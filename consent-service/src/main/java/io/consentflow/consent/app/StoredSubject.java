package io.consentflow.consent.app;

import io.consentflow.consent.domain.Subject;
import javax.crypto.SecretKey;

/**
 * A subject as loaded from MongoDB: the aggregate, the document revision (optimistic concurrency) and its unwrapped
 * data key (null once erased).
 *
 * @param wrappedKey the data key as a document written before the key ring held it, to be moved to the ring on the
 *                   next write; null for every other document
 */
public record StoredSubject(Subject subject, long revision, SecretKey dataKey, String wrappedKey) {
}
