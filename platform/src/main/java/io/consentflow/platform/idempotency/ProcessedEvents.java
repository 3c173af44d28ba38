package io.consentflow.platform.idempotency;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Port: the event ids one consumer has applied, so a redelivered event is dropped (framework-free: ids, instants and
 * Reactor only). One store per consumer; ids are forgotten explicitly ({@link #forgetBefore}), never by a TTL index.
 * The MongoDB implementation is {@code io.consentflow.platform.mongo.MongoProcessedEvents}.
 */
public interface ProcessedEvents {

    /** Which of {@code eventIds} were remembered before, in one lookup. */
    Mono<Set<String>> seenAmong(Collection<String> eventIds);

    /** Remembers all of {@code eventIds} at once (one write); ids remembered before are fine. */
    Mono<Void> rememberAll(Collection<String> eventIds, Instant at);

    /** Forgets the ids remembered before {@code cutoff}; emits how many. */
    Mono<Long> forgetBefore(Instant cutoff);
}
