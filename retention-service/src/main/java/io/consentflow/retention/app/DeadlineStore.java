package io.consentflow.retention.app;

import io.consentflow.retention.domain.Deadline;
import io.consentflow.retention.domain.DeadlineKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Port: the deadlines, one per subject and kind. Every write is conditional on the version read (optimistic), so two
 * writers never lose each other's change; a scheduler replica claims a due deadline atomically.
 */
public interface DeadlineStore {

    Mono<Deadline> find(DeadlineKey key);

    /** The subject's deadlines, earliest due first. */
    Flux<Deadline> bySubject(String subjectId);

    Flux<Deadline> scheduled();

    /** The stored deadlines among {@code keys}, in one query. */
    Mono<Map<DeadlineKey, Deadline>> findAll(Collection<DeadlineKey> keys);

    /** A deadline to write, replacing {@code previous} (null: not stored yet). */
    record Change(Deadline next, Deadline previous) {
    }

    /**
     * {@link #save} for many deadlines at once. Returns the keys another writer changed since they were read (those
     * were not written; read and reapply them).
     */
    Mono<Set<DeadlineKey>> saveAll(List<Change> changes);

    /** Writes {@code next} if the stored deadline is still {@code previous}; false when another writer came first. */
    Mono<Boolean> save(Deadline next, Deadline previous);

    /**
     * Claims the most overdue deadline for this replica, or a FIRING one whose owner's lease ran out (that replica
     * died between claim and FIRED). Atomic: two replicas never get the same deadline.
     */
    Mono<Deadline> claimNextDue(Instant now, String owner, Duration lease);

    /** FIRING -> FIRED, only by the replica that holds the claim. */
    Mono<Boolean> markFired(Deadline claimed, String owner, Instant now);

    /** FIRING -> SCHEDULED after a failed send, so the next round retries at once instead of after the lease. */
    Mono<Boolean> release(Deadline claimed, String owner, Instant now);
}
