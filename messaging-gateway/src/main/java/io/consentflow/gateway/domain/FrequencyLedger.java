package io.consentflow.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** Marketing messages sent per contact within the frequency-cap window (sliding). */
public final class FrequencyLedger {

    private final ConcurrentHashMap<String, long[]> sent = new ConcurrentHashMap<>();
    private final Duration window;

    public FrequencyLedger(Duration window) {
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    public int count(String contactKey, Instant now) {
        long[] times = sent.get(contactKey);
        if (times == null) {
            return 0;
        }
        long cutoff = now.minus(window).toEpochMilli();
        int count = 0;
        synchronized (times) {
            for (long t : times) {
                if (t > cutoff) {
                    count++;
                }
            }
        }
        return count;
    }

    public void record(String contactKey, Instant at) {
        long cutoff = at.minus(window).toEpochMilli();
        sent.compute(contactKey, (key, times) -> {
            int live = 0;
            if (times != null) {
                for (long t : times) {
                    live += t > cutoff ? 1 : 0;
                }
            }
            long[] next = new long[live + 1];
            int i = 0;
            if (times != null) {
                for (long t : times) {
                    if (t > cutoff) {
                        next[i++] = t;
                    }
                }
            }
            next[i] = at.toEpochMilli();
            return next;
        });
    }

    public void prune(Instant now) {
        long cutoff = now.minus(window).toEpochMilli();
        sent.values().removeIf(times -> times.length == 0 || times[times.length - 1] <= cutoff);
    }
}
