package io.consentflow.consent.app;

import io.consentflow.consent.domain.Subject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Port: the subject registry, one document per subject written whole and only at an unchanged revision (a state
 * change and its outbox land together). Implemented by {@code adapters.mongo.SubjectRepository}.
 */
public interface SubjectStore {

    Mono<Void> createIndexes();

    /** A subject seen for the first time, with a data key of its own (stored with its first write). */
    StoredSubject newSubject(Subject subject);

    Mono<StoredSubject> byContactKey(String contactKey);

    /** The subjects with these contact keys, by contact key (two queries: the subjects and their data keys). */
    Mono<Map<String, StoredSubject>> byContactKeys(Collection<String> contactKeys);

    Mono<StoredSubject> byId(String subjectId);

    Mono<StoredSubject> byTokenHash(String tokenHash);

    /** Which of these contact keys have a subject (one query). */
    Mono<Set<String>> knownContactKeys(Collection<String> contactKeys);

    /**
     * First writes of many {@link #newSubject new subjects} in shared commands, each as {@link #save} would store it
     * alone. Element i: null when subject i is stored; {@link ConcurrentUpdateException} when its number was created
     * meanwhile (nothing of it stored); another error when only it failed.
     */
    Mono<List<Throwable>> insertAll(List<StoredSubject> fresh);

    /** Writes the subject at the next revision; fails with {@link ConcurrentUpdateException} if it moved on. */
    Mono<Void> save(StoredSubject stored);

    Flux<String> idsWithPendingExpiredBy(Instant now, int limit);
}
