package io.consentflow.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** When each contact last wrote to the business: opens the 24-hour customer-service window. */
public final class ServiceWindows {

    private final ConcurrentHashMap<String, Long> lastInbound = new ConcurrentHashMap<>();
    private final Duration window;

    public ServiceWindows(Duration window) {
        this.window = window;
    }

    public void inbound(String contactKey, Instant at) {
        lastInbound.merge(contactKey, at.toEpochMilli(), Math::max);
    }

    /** Last inbound time, or null. */
    public Instant lastInbound(String contactKey) {
        Long millis = lastInbound.get(contactKey);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** Forgets contacts whose window has closed, so the map holds only the last day's writers. */
    public void prune(Instant now) {
        long cutoff = now.minus(window).toEpochMilli();
        lastInbound.values().removeIf(millis -> millis < cutoff);
    }

    public int size() {
        return lastInbound.size();
    }
}
