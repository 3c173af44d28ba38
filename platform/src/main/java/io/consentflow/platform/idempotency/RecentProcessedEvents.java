package io.consentflow.platform.idempotency;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * {@link ProcessedEvents} in this instance's memory, the most recent {@code capacity} ids: for a consumer whose store
 * already refuses a repeat atomically with the change itself (audit-service's chain offsets and unique chain
 * positions), so the first line only has to spare it the work of a redelivered poll, not guarantee anything. It
 * costs no write per event (a remembered id in the database cost one more document per audited record) and needs no
 * delete right on a store that is otherwise append-only. A restart or a partition handed to another instance starts
 * with nothing remembered; the store's own line absorbs those repeats.
 */
public final class RecentProcessedEvents implements ProcessedEvents {

    private final int capacity;
    private final LinkedHashMap<String, Instant> remembered = new LinkedHashMap<>();

    public RecentProcessedEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public Mono<Set<String>> seenAmong(Collection<String> eventIds) {
        return Mono.fromSupplier(() -> {
            Set<String> seen = new HashSet<>();
            synchronized (remembered) {
                eventIds.stream().filter(remembered::containsKey).forEach(seen::add);
            }
            return seen;
        });
    }

    @Override
    public Mono<Void> rememberAll(Collection<String> eventIds, Instant at) {
        return Mono.fromRunnable(() -> {
            synchronized (remembered) {
                eventIds.forEach(id -> remembered.putIfAbsent(id, at));
                Iterator<String> oldest = remembered.keySet().iterator();
                while (remembered.size() > capacity) {
                    oldest.next();
                    oldest.remove();
                }
            }
        });
    }

    @Override
    public Mono<Long> forgetBefore(Instant cutoff) {
        return Mono.fromSupplier(() -> {
            long forgotten = 0;
            synchronized (remembered) {
                Iterator<Map.Entry<String, Instant>> entries = remembered.entrySet().iterator();
                while (entries.hasNext()) {
                    if (entries.next().getValue().isBefore(cutoff)) {
                        entries.remove();
                        forgotten++;
                    }
                }
            }
            return forgotten;
        });
    }
}
