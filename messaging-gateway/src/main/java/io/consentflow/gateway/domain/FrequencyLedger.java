package io.consentflow.gateway.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Marketing messages sent per contact within the frequency-cap window (sliding), each counted once per request: a
 * request that is judged again (resumed after a crash, a batch retried after a database fault, a claim the ledger
 * was rebuilt from at start) neither counts twice nor counts against itself.
 */
public final class FrequencyLedger {

    /** Marks no request: a send recorded without one is never taken for another. */
    private static final long ANONYMOUS = 0;

    /** Per contact, pairs of (epoch millis, request mark). */
    private final ConcurrentHashMap<String, long[]> sent = new ConcurrentHashMap<>();
    private final Duration window;

    public FrequencyLedger(Duration window) {
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /**
     * A request's mark in the ledger: a 64-bit FNV-1a digest of its requestId (two requests to one contact within
     * the window sharing one has a chance of about 2^-64 per pair).
     */
    public static long mark(String requestId) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < requestId.length(); i++) {
            hash ^= requestId.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash == ANONYMOUS ? 1 : hash;
    }

    public int count(String contactKey, Instant now) {
        return count(contactKey, null, now);
    }

    /** The contact's sends within the window other than {@code requestId}'s own (null: all of them). */
    public int count(String contactKey, String requestId, Instant now) {
        long[] entries = sent.get(contactKey);
        if (entries == null) {
            return 0;
        }
        long cutoff = now.minus(window).toEpochMilli();
        long own = requestId == null ? ANONYMOUS : mark(requestId);
        int count = 0;
        synchronized (entries) {
            for (int i = 0; i < entries.length; i += 2) {
                if (entries[i] > cutoff && (own == ANONYMOUS || entries[i + 1] != own)) {
                    count++;
                }
            }
        }
        return count;
    }

    public void record(String contactKey, Instant at) {
        record(contactKey, at, ANONYMOUS);
    }

    /** Records a request's send; recording the same request again keeps the one entry it has. */
    public void record(String contactKey, String requestId, Instant at) {
        record(contactKey, at, mark(requestId));
    }

    private void record(String contactKey, Instant at, long mark) {
        long cutoff = at.minus(window).toEpochMilli();
        sent.compute(contactKey, (key, entries) -> {
            int live = 0;
            if (entries != null) {
                for (int i = 0; i < entries.length; i += 2) {
                    if (mark != ANONYMOUS && entries[i + 1] == mark) {
                        return entries;
                    }
                    live += entries[i] > cutoff ? 1 : 0;
                }
            }
            long[] next = new long[2 * (live + 1)];
            int n = 0;
            if (entries != null) {
                for (int i = 0; i < entries.length; i += 2) {
                    if (entries[i] > cutoff) {
                        next[n++] = entries[i];
                        next[n++] = entries[i + 1];
                    }
                }
            }
            next[n++] = at.toEpochMilli();
            next[n] = mark;
            return next;
        });
    }

    public void prune(Instant now) {
        long cutoff = now.minus(window).toEpochMilli();
        sent.values().removeIf(entries -> entries.length == 0 || entries[entries.length - 2] <= cutoff);
    }
}
