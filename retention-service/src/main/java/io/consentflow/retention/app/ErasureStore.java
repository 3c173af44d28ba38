package io.consentflow.retention.app;

import io.consentflow.retention.domain.Erasure;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Port: erasure commands and their receipts, one per erasureId, updated on the version read. */
public interface ErasureStore {

    /** The stored erasure with this id, inserting {@code erasure} if there is none (a re-claimed deadline reuses it). */
    Mono<Erasure> insertIfAbsent(Erasure erasure);

    Mono<Erasure> find(String erasureId);

    /** The subject's erasures still awaiting receipts. */
    Flux<Erasure> awaitingForSubject(String subjectId);

    /** The subject's erasures, oldest request first. */
    Flux<Erasure> bySubject(String subjectId);

    /** Every erasure still awaiting receipts, oldest request first (the staff console's "in progress"). */
    Flux<Erasure> awaiting(int limit);

    /** Erasures still awaiting receipts whose grace period ended by {@code now}. */
    Flux<Erasure> overdue(Instant now);

    /** Writes {@code next} if the stored erasure is still {@code previous}; false when another writer came first. */
    Mono<Boolean> save(Erasure next, Erasure previous);

    /** True for exactly one caller across replicas: the one that reports the erasure as overdue. */
    Mono<Boolean> markOverdueReported(String erasureId);
}
