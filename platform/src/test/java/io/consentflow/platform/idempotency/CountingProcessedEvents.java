package io.consentflow.platform.idempotency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** Around a real store: counts its round trips (each method is one command to MongoDB) and the ids looked up. */
final class CountingProcessedEvents implements ProcessedEvents {

    private final ProcessedEvents store;
    final AtomicInteger lookups = new AtomicInteger();
    final AtomicInteger inserts = new AtomicInteger();
    final List<String> lookedUp = new ArrayList<>();

    CountingProcessedEvents(ProcessedEvents store) {
        this.store = store;
    }

    void reset() {
        lookups.set(0);
        inserts.set(0);
        lookedUp.clear();
    }

    @Override
    public Mono<Set<String>> seenAmong(Collection<String> eventIds) {
        lookups.incrementAndGet();
        lookedUp.addAll(eventIds);
        return store.seenAmong(eventIds);
    }

    @Override
    public Mono<Void> rememberAll(Collection<String> eventIds, Instant at) {
        inserts.incrementAndGet();
        return store.rememberAll(eventIds, at);
    }

    @Override
    public Mono<Long> forgetBefore(Instant cutoff) {
        return store.forgetBefore(cutoff);
    }
}
