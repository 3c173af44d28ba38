package io.consentflow.audit.app;

import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.ChainHead;
import io.consentflow.audit.domain.SourceRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Appends consumed records to their chains. A chain's head is derived from its last stored entry; this instance
 * remembers it between batches only as a hint (reading the last entry per batch made appends several times slower).
 * A handover drops the hints of the partitions concerned ({@link #forget}, called on every assignment and
 * revocation), so a partition that comes back after another instance extended its chain starts from the store. A
 * hint can still be stale while a zombie consumer writes (it lost the partition without noticing): the unique
 * (chainId, sequence) index then refuses the write of an occupied position, the hint is dropped, the head is re-read
 * from the store and only what is missing is appended ({@code audit.chain.head.conflicts} counts these). So the
 * store, never this memory, decides; a restart starts with no hints. A poll's chains are written with one ordered
 * insert: the index of the refused document says which chains are stored, which one must be re-read and which were
 * not attempted (see {@link #appendAll}).
 */
@Service
public class AuditLog {

    private static final int ATTEMPTS = 5;

    private final EntryStore store;
    private final Clock clock;
    private final Counter appended;
    private final Counter redelivered;
    private final Counter conflicts;
    private final RecordedEventMeters recorded;
    private final AtomicLong sinceCheckpoint = new AtomicLong();
    private final Map<String, ChainHead> heads = new ConcurrentHashMap<>();
    /** Every chain this instance has seen in the store or written to; never forgotten (a few dozen ids). */
    private final Set<String> chains = ConcurrentHashMap.newKeySet();
    private volatile Runnable checkpointTrigger = () -> { };
    private final int checkpointEvery;

    public AuditLog(EntryStore store, Clock clock, MeterRegistry meters, CheckpointSchedule schedule) {
        this.store = store;
        this.clock = clock;
        this.appended = meters.counter("audit.entries.appended");
        this.redelivered = meters.counter("audit.records.redelivered");
        this.conflicts = meters.counter("audit.chain.head.conflicts");
        this.recorded = new RecordedEventMeters(meters);
        this.checkpointEvery = Math.max(1, schedule.everyEntries());
    }

    /**
     * Before the first append (a platform StartupTask in the service; tests call it): the indexes the append relies
     * on, and one scan so that chains written before a restart but never checkpointed are not lost to checkpoints.
     */
    public Mono<Void> load() {
        return store.ensureIndexes().then(store.chainIds()).doOnNext(chains::addAll).then();
    }

    void onCheckpointDue(Runnable trigger) {
        this.checkpointTrigger = trigger;
    }

    /** Drops the head hints of these chains: their partitions were handed over, another instance may extend them. */
    public void forget(Collection<String> chainIds) {
        chainIds.forEach(heads::remove);
    }

    /** The chains known to this instance: the stored ones at start and every chain appended to since. */
    public Set<String> chains() {
        return Set.copyOf(chains);
    }

    /** Entries this instance knows are stored in the chain (its head hint), 0 when it has none: a lower bound. */
    public long knownCount(String chainId) {
        ChainHead hint = heads.get(chainId);
        return hint == null ? 0 : hint.count();
    }

    /**
     * Appends a batch (any mix of chains) with one ordered insert for all of them; emits the entries written now
     * (redeliveries excluded), chain after chain in the order the chains first occur.
     */
    public Mono<List<AuditEntry>> append(List<SourceRecord> records) {
        return Mono.defer(() -> {
            Map<String, List<SourceRecord>> byChain = new LinkedHashMap<>();
            records.forEach(r -> byChain.computeIfAbsent(r.chainId(), c -> new ArrayList<>()).add(r));
            chains.addAll(byChain.keySet());
            return appendAll(byChain).doOnNext(written -> {
                appended.increment(written.size());
                recorded.recorded(written);
                redelivered.increment(records.size() - written.size());
                if (sinceCheckpoint.addAndGet(written.size()) >= checkpointEvery) {
                    sinceCheckpoint.set(0);
                    checkpointTrigger.run();
                }
            });
        });
    }

    /**
     * One insert command per attempt instead of one per chain: the wire server pays per command (and locks the
     * collection per command), so a poll spread over ~40 chains cost ~40 sequential round trips. After a refused
     * document only its chain is re-read from the store; chains stored before it advance, chains after it were not
     * attempted and go into the next attempt with their hints. Each chain may be refused {@link #ATTEMPTS} times.
     */
    private Mono<List<AuditEntry>> appendAll(Map<String, List<SourceRecord>> byChain) {
        Map<String, List<AuditEntry>> written = new LinkedHashMap<>();
        byChain.keySet().forEach(chainId -> written.put(chainId, new ArrayList<>()));
        return attempt(byChain, new LinkedHashMap<>(byChain), written, new HashMap<>())
                .then(Mono.fromSupplier(() -> written.values().stream().flatMap(List::stream).toList()));
    }

    /** One insert of everything pending; after a refusal, the next attempt with what is still to write. */
    private Mono<Void> attempt(Map<String, List<SourceRecord>> byChain, Map<String, List<SourceRecord>> pending,
            Map<String, List<AuditEntry>> written, Map<String, Integer> refusals) {
        if (pending.isEmpty()) {
            return Mono.empty();
        }
        return heads(pending.keySet()).flatMap(known -> {
            PollBatch batch = PollBatch.extend(pending, known::get, clock.instant());
            return store.insert(batch.entries()).then(Mono.<DuplicateEntryException>empty())
                    .onErrorResume(DuplicateEntryException.class, Mono::just)
                    // an ordered insert may have stored a prefix: trust only the store
                    .doOnError(e -> forget(byChain.keySet()))
                    .map(Optional::of).defaultIfEmpty(Optional.empty())
                    .flatMap(refused -> {
                        if (refused.isEmpty()) {
                            batch.parts().forEach(part -> stored(part, written));
                            pending.clear();
                            return Mono.<Void>empty();
                        }
                        conflicts.increment();
                        settle(batch, refused.get(), pending, written, refusals);
                        return attempt(byChain, pending, written, refusals);
                    });
        });
    }

    /** Each chain's head: this instance's hint, else read from the store (one read per chain without a hint). */
    private Mono<Map<String, ChainHead>> heads(Collection<String> chainIds) {
        return Flux.fromIterable(List.copyOf(chainIds)).concatMap(chainId -> {
            ChainHead hint = heads.get(chainId);
            return hint != null ? Mono.just(hint) : store.head(chainId);
        }).collectMap(ChainHead::chainId);
    }

    /** After a refused insert: books what was stored, leaves in {@code pending} what is still to write. */
    private void settle(PollBatch batch, DuplicateEntryException refused, Map<String, List<SourceRecord>> pending,
            Map<String, List<AuditEntry>> written, Map<String, Integer> refusals) {
        int failed = refused.failedIndex();
        if (failed < 0) { // nothing known about what was stored: no hint of this attempt can be trusted
            batch.parts().forEach(part -> heads.remove(part.chainId()));
        }
        for (PollBatch.Part part : batch.parts()) {
            if (failed >= 0 && part.end() <= failed) { // stored completely (or had nothing to store)
                stored(part, written);
                pending.remove(part.chainId());
            } else if (failed < 0 || part.start() <= failed) {
                // the refused chain (or, index unknown, every chain): its stored prefix is ours, the rest of its
                // head is in the store only (someone else wrote there); re-read it and append what is missing
                if (failed >= 0) {
                    written.get(part.chainId()).addAll(part.storedBefore(failed));
                }
                heads.remove(part.chainId());
                if (refusals.merge(part.chainId(), 1, Integer::sum) >= ATTEMPTS) {
                    throw refused;
                }
            } // else: after the refused document, not attempted; its hint is as valid as before
        }
    }

    private void stored(PollBatch.Part part, Map<String, List<AuditEntry>> written) {
        List<AuditEntry> entries = part.entries();
        written.get(part.chainId()).addAll(entries);
        if (!entries.isEmpty()) {
            heads.merge(part.chainId(), ChainHead.of(entries.get(entries.size() - 1)),
                    (known, fresh) -> fresh.count() >= known.count() ? fresh : known);
        }
    }
}
