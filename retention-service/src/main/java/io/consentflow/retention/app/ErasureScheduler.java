package io.consentflow.retention.app;

import io.consentflow.retention.domain.Deadline;
import io.consentflow.retention.domain.Erasure;
import io.consentflow.schemas.Events;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fires due deadlines. Each replica runs one; a deadline is claimed with one atomic findAndModify (SCHEDULED ->
 * FIRING with owner and lease), its erasure recorded, ErasureRequested sent, then FIRING -> FIRED. Two replicas never
 * claim the same deadline; a replica that dies after the claim leaves it to another once the lease runs out, which
 * re-sends the same erasureId and eventId (consumers dedupe on them).
 */
public class ErasureScheduler {

    private static final Logger log = LoggerFactory.getLogger(ErasureScheduler.class);

    private final String owner;
    private final DeadlineStore deadlines;
    private final ErasureStore erasures;
    private final ErasurePublisher publisher;
    private final Clock clock;
    private final Duration lease;
    private final Duration grace;
    private final int batchSize;

    public ErasureScheduler(String owner, DeadlineStore deadlines, ErasureStore erasures, ErasurePublisher publisher,
            Clock clock, Duration lease, Duration grace, int batchSize) {
        this.owner = owner;
        this.deadlines = deadlines;
        this.erasures = erasures;
        this.publisher = publisher;
        this.clock = clock;
        this.lease = lease;
        this.grace = grace;
        this.batchSize = batchSize;
    }

    /**
     * Fires due deadlines until none is left or the batch is full; emits how many this replica fired, or the error
     * that ended the round (the failed deadline is released and retried next round with the same ids).
     */
    public Mono<Integer> fireDue() {
        // claim and fire one at a time (prefetch 1): a replica never holds claims it is not yet working on
        return Flux.range(0, batchSize)
                .concatMap(i -> deadlines.claimNextDue(clock.instant(), owner, lease).flatMap(this::fire)
                        .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()), 1)
                .takeWhile(java.util.Optional::isPresent)
                .filter(fired -> fired.get())
                .count().map(Long::intValue);
    }

    private Mono<Boolean> fire(Deadline claimed) {
        Erasure erasure = Erasure.requested(claimed, Events.newEventId(), clock.instant(), grace);
        return erasures.insertIfAbsent(erasure)
                .flatMap(stored -> publisher.publish(stored, stored.commandEventId()).thenReturn(stored))
                .flatMap(stored -> deadlines.markFired(claimed, owner, clock.instant()))
                .doOnNext(fired -> log.info("erasure requested: erasureId={} kind={} reason={}",
                        claimed.erasureId(), claimed.key().kind(), claimed.reason()))
                .onErrorResume(e -> {
                    log.warn("erasure request failed, released for retry: erasureId={} error={}", claimed.erasureId(),
                            e.getClass().getSimpleName());
                    // end this round: with the broker away, retrying every due deadline now would only wait longer
                    return deadlines.release(claimed, owner, clock.instant()).then(Mono.error(e));
                });
    }

    public String owner() {
        return owner;
    }
}
