package io.consentflow.audit.app;

import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.ChainHead;
import io.consentflow.audit.domain.SourceRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Service;

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
public class AuditLog implements InitializingBean {

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

    @Override
    public void afterPropertiesSet() {
        store.ensureIndexes().block(Duration.ofSeconds(30));
        // one scan at start: chains written before a restart but never checkpointed are not lost to checkpoints
        chains.addAll(store.chainIds().block(Duration.ofSeconds(60)));
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
     * Appends a batch (any mix of chains) with one ordered insert for all of them; returns the entries written now
     * (redeliveries excluded), chain after chain in the order the chains first occur. Blocking.
     */
    public List<AuditEntry> append(List<SourceRecord> records) {
        Map<String, List<SourceRecord>> byChain = new LinkedHashMap<>();
        records.forEach(r -> byChain.computeIfAbsent(r.chainId(), c -> new ArrayList<>()).add(r));
        chains.addAll(byChain.keySet());
        List<AuditEntry> written = appendAll(byChain);
        appended.increment(written.size());
        recorded.recorded(written);
        redelivered.increment(records.size() - written.size());
        if (sinceCheckpoint.addAndGet(written.size()) >= checkpointEvery) {
            sinceCheckpoint.set(0);
            checkpointTrigger.run();
        }
        return written;
    }

    /**
     * One insert command per attempt instead of one per chain: the wire server pays per command (and locks the
     * collection per command), so a poll spread over ~40 chains cost ~40 sequential round trips. After a refused
     * document only its chain is re-read from the store; chains stored before it advance, chains after it were not
     * attempted and go into the next attempt with their hints. Each chain may be refused {@link #ATTEMPTS} times.
     */
    private List<AuditEntry> appendAll(Map<String, List<SourceRecord>> byChain) {
        Map<String, List<SourceRecord>> pending = new LinkedHashMap<>(byChain);
        Map<String, List<AuditEntry>> written = new LinkedHashMap<>();
        byChain.keySet().forEach(chainId -> written.put(chainId, new ArrayList<>()));
        Map<String, Integer> refusals = new HashMap<>();
        while (!pending.isEmpty()) {
            PollBatch batch = PollBatch.extend(pending, this::head, clock.instant());
            try {
                store.insert(batch.entries()).block(Duration.ofSeconds(60));
            } catch (DuplicateEntryException e) {
                conflicts.increment();
                settle(batch, e, pending, written, refusals);
                continue;
            } catch (RuntimeException e) {
                forget(byChain.keySet()); // an ordered insert may have stored a prefix: trust only the store
                throw e;
            }
            batch.parts().forEach(part -> stored(part, written));
            pending.clear();
        }
        return written.values().stream().flatMap(List::stream).toList();
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

    private ChainHead head(String chainId) {
        ChainHead hint = heads.get(chainId);
        return hint != null ? hint : store.head(chainId).block(Duration.ofSeconds(30));
    }
}
