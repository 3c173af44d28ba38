package io.consentflow.consent.app;

import io.consentflow.consent.domain.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The real store, watched: which reads it serves, how many writes overlap (each write waits for company, at most
 * {@link #HOLD}), and a first write of chosen subjects that fails as a lost connection would.
 */
final class WatchingStore implements SubjectStore {

    /** How long a write waits for a second one to overlap it before going ahead alone. */
    private static final Duration HOLD = Duration.ofSeconds(3);

    private final SubjectStore real;
    final List<Set<String>> readTogether = new CopyOnWriteArrayList<>();
    final List<String> readAlone = new CopyOnWriteArrayList<>();
    final Set<String> failFirstWriteOf = ConcurrentHashMap.newKeySet();
    private final Sinks.Empty<Void> twoAtOnce = Sinks.empty();
    private final AtomicInteger writesInFlight = new AtomicInteger();
    final AtomicInteger mostWritesAtOnce = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlightPerSubject = new ConcurrentHashMap<>();
    final AtomicInteger mostWritesAtOnceOfOneSubject = new AtomicInteger();

    WatchingStore(SubjectStore real) {
        this.real = real;
    }

    @Override
    public Mono<Map<String, StoredSubject>> byContactKeys(Collection<String> contactKeys) {
        readTogether.add(Set.copyOf(contactKeys));
        return real.byContactKeys(contactKeys);
    }

    @Override
    public Mono<StoredSubject> byContactKey(String contactKey) {
        return Mono.defer(() -> {
            readAlone.add(contactKey);
            return real.byContactKey(contactKey);
        });
    }

    @Override
    public Mono<Void> save(StoredSubject stored) {
        String id = stored.subject().subjectId();
        if (failFirstWriteOf.remove(id)) {
            return Mono.error(new IllegalStateException("lost write"));
        }
        return Mono.defer(() -> {
            AtomicInteger ofSubject = inFlightPerSubject.computeIfAbsent(id, k -> new AtomicInteger());
            mostWritesAtOnceOfOneSubject.accumulateAndGet(ofSubject.incrementAndGet(), Math::max);
            int now = writesInFlight.incrementAndGet();
            mostWritesAtOnce.accumulateAndGet(now, Math::max);
            if (now >= 2) {
                twoAtOnce.tryEmitEmpty();
            }
            Runnable done = () -> {
                writesInFlight.decrementAndGet();
                ofSubject.decrementAndGet();
            };
            // counted out before the outcome goes on: a retry after a refused write is not an overlap
            return twoAtOnce.asMono().timeout(HOLD, Mono.empty()).then(real.save(stored))
                    .doOnTerminate(done).doOnCancel(done);
        });
    }

    @Override
    public Mono<Void> createIndexes() {
        return real.createIndexes();
    }

    @Override
    public StoredSubject newSubject(Subject subject) {
        return real.newSubject(subject);
    }

    @Override
    public Mono<StoredSubject> byId(String subjectId) {
        return real.byId(subjectId);
    }

    @Override
    public Mono<StoredSubject> byTokenHash(String tokenHash) {
        return real.byTokenHash(tokenHash);
    }

    @Override
    public Mono<Set<String>> knownContactKeys(Collection<String> contactKeys) {
        return real.knownContactKeys(contactKeys);
    }

    @Override
    public Mono<List<Throwable>> insertAll(List<StoredSubject> fresh) {
        return real.insertAll(fresh);
    }

    @Override
    public Flux<String> idsWithPendingExpiredBy(Instant now, int limit) {
        return real.idsWithPendingExpiredBy(now, limit);
    }
}
