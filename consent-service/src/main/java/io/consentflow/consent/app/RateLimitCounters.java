package io.consentflow.consent.app;

import java.time.Instant;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Port: fixed-window counters shared by every instance, keyed by a digest (never a number or an address).
 * Implemented by {@code adapters.mongo.RateLimitStore}.
 */
public interface RateLimitCounters {

    /** Counts one attempt and returns the window's count including it. */
    Mono<Long> increment(String digest, Instant windowStart, Instant windowEnd);

    /**
     * Counts {@code attempts.get(digest)} attempts for each digest in one round of shared commands and returns each
     * window's count including them (and whatever other instances counted meanwhile).
     */
    Mono<Map<String, Long>> incrementAll(Map<String, Long> attempts, Instant windowStart, Instant windowEnd);

    /** Gives {@code attempts.get(digest)} attempts back for each digest, in one command. */
    Mono<Void> decrementAll(Map<String, Long> attempts, Instant windowStart);

    /** Gives an attempt back (the other limit refused it, so nothing was sent). */
    Mono<Void> decrement(String digest, Instant windowStart);

    /** Deletes every window that ended before {@code now}; returns how many. */
    Mono<Long> deleteEndedBefore(Instant now);
}
