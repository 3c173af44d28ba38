package io.consentflow.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta allows about one message per 6 s to the same recipient (pair rate limit, error 131056): this hands out send
 * slots per contact so a burst to one number is spread instead of refused.
 */
public final class RecipientPacer {

    private final ConcurrentHashMap<String, Long> nextSlot = new ConcurrentHashMap<>();
    private final long spacingMillis;

    public RecipientPacer(Duration spacing) {
        this.spacingMillis = spacing.toMillis();
    }

    /** Reserves the contact's next slot and says how long to wait for it. */
    public Duration reserve(String contactKey, Instant now) {
        long nowMillis = now.toEpochMilli();
        long slot = nextSlot.compute(contactKey, (key, next) -> next == null || next <= nowMillis
                ? nowMillis + spacingMillis : next + spacingMillis) - spacingMillis;
        return Duration.ofMillis(Math.max(0, slot - nowMillis));
    }

    /** After a restart: a message went to the contact at {@code sentAt}, so the next slot is no earlier than that. */
    public void restore(String contactKey, Instant sentAt) {
        long next = sentAt.toEpochMilli() + spacingMillis;
        nextSlot.merge(contactKey, next, Math::max);
    }

    public Duration spacing() {
        return Duration.ofMillis(spacingMillis);
    }

    public void prune(Instant now) {
        long nowMillis = now.toEpochMilli();
        nextSlot.values().removeIf(next -> next <= nowMillis);
    }
}
