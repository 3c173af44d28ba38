package io.consentflow.retention.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of open deadlines by kind and due window, for the DPO's overview. */
public final class DeadlineSummary {

    public enum Window { PAST_DUE, NEXT_24H, NEXT_7D, NEXT_30D, LATER }

    private final Instant now;
    private final Map<DeadlineKind, Map<Window, Long>> counts = new EnumMap<>(DeadlineKind.class);

    public DeadlineSummary(Instant now) {
        this.now = now;
        for (DeadlineKind kind : DeadlineKind.values()) {
            Map<Window, Long> windows = new LinkedHashMap<>();
            for (Window window : Window.values()) {
                windows.put(window, 0L);
            }
            counts.put(kind, windows);
        }
    }

    public DeadlineSummary add(DeadlineKind kind, Instant dueAt) {
        counts.get(kind).merge(window(dueAt), 1L, Long::sum);
        return this;
    }

    public Window window(Instant dueAt) {
        Duration left = Duration.between(now, dueAt);
        if (left.isNegative() || left.isZero()) {
            return Window.PAST_DUE;
        }
        if (left.compareTo(Duration.ofHours(24)) <= 0) {
            return Window.NEXT_24H;
        }
        if (left.compareTo(Duration.ofDays(7)) <= 0) {
            return Window.NEXT_7D;
        }
        return left.compareTo(Duration.ofDays(30)) <= 0 ? Window.NEXT_30D : Window.LATER;
    }

    public Map<DeadlineKind, Map<Window, Long>> counts() {
        return counts;
    }
}
