package io.consentflow.consent.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The subjects of one poll's senders, read together before its events are applied ({@link SubjectStore#byContactKeys}).
 * Each subject read ahead serves one read, its sender's first; every later read (a sender's next event, a retry after
 * a concurrent write) goes to the store. A number with no subject is read again when its event needs it, so a
 * subject created meanwhile is found as a lone read would find it. Stale copies are harmless: the store writes a
 * subject only at the revision it was read at, and a refused write is retried on a fresh read.
 */
final class SubjectsReadAhead {

    private final SubjectStore store;
    private final Map<String, StoredSubject> ahead;

    SubjectsReadAhead(SubjectStore store, Map<String, StoredSubject> ahead) {
        this.store = store;
        // the senders' events run side by side: each takes only its own entry
        this.ahead = new ConcurrentHashMap<>(ahead);
    }

    /** Nothing read ahead: every read goes to the store. */
    static SubjectsReadAhead none(SubjectStore store) {
        return new SubjectsReadAhead(store, Map.of());
    }

    Mono<StoredSubject> byContactKey(String contactKey) {
        return Mono.defer(() -> {
            StoredSubject read = ahead.remove(contactKey);
            return read != null ? Mono.just(read) : store.byContactKey(contactKey);
        });
    }
}
