package io.consentflow.audit.app;

import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.ChainHead;
import io.consentflow.audit.domain.Chains;
import io.consentflow.audit.domain.SourceRecord;
import io.consentflow.audit.mongo.DuplicateEntryException;
import io.consentflow.audit.mongo.EntryStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * store, never this memory, decides; a restart starts with no hints.
 */
@Service
public class AuditLog implements InitializingBean {

    private static final int ATTEMPTS = 5;

    private final EntryStore store;
    private final Clock clock;
    private final Counter appended;
    private final Counter redelivered;
    private final Counter conflicts;
    private final AtomicLong sinceCheckpoint = new AtomicLong();
    private final Map<String, ChainHead> heads = new ConcurrentHashMap<>();
    /** Every chain this instance has seen in the store or written to; never forgotten (a few dozen ids). */
    private final Set<String> chains = ConcurrentHashMap.newKeySet();
    private volatile Runnable checkpointTrigger = () -> { };
    private final int checkpointEvery;

    public AuditLog(EntryStore store, Clock clock, MeterRegistry meters, AuditProperties properties) {
        this.store = store;
        this.clock = clock;
        this.appended = meters.counter("audit.entries.appended");
        this.redelivered = meters.counter("audit.records.redelivered");
        this.conflicts = meters.counter("audit.chain.head.conflicts");
        this.checkpointEvery = Math.max(1, properties.checkpoint().everyEntries());
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

    /** Appends a batch (any mix of chains); returns the entries written now (redeliveries excluded). Blocking. */
    public List<AuditEntry> append(List<SourceRecord> records) {
        Map<String, List<SourceRecord>> byChain = new LinkedHashMap<>();
        records.forEach(r -> byChain.computeIfAbsent(r.chainId(), c -> new ArrayList<>()).add(r));
        List<AuditEntry> written = new ArrayList<>();
        chains.addAll(byChain.keySet());
        byChain.forEach((chainId, chainRecords) -> written.addAll(appendToChain(chainId, chainRecords)));
        appended.increment(written.size());
        redelivered.increment(records.size() - written.size());
        if (sinceCheckpoint.addAndGet(written.size()) >= checkpointEvery) {
            sinceCheckpoint.set(0);
            checkpointTrigger.run();
        }
        return written;
    }

    private List<AuditEntry> appendToChain(String chainId, List<SourceRecord> records) {
        DuplicateEntryException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ChainHead head = heads.get(chainId);
            if (head == null) {
                head = store.head(chainId).block(Duration.ofSeconds(30));
            }
            List<AuditEntry> entries = Chains.extend(head, records, clock.instant());
            try {
                store.insert(entries).block(Duration.ofSeconds(60));
            } catch (DuplicateEntryException e) {
                heads.remove(chainId); // someone else wrote (part of) this: re-read the head, append what is missing
                conflicts.increment();
                last = e;
                continue;
            } catch (RuntimeException e) {
                heads.remove(chainId); // an ordered insert may have stored a prefix: trust only the store
                throw e;
            }
            ChainHead next = entries.isEmpty() ? head : ChainHead.of(entries.get(entries.size() - 1));
            heads.merge(chainId, next, (known, fresh) -> fresh.count() >= known.count() ? fresh : known);
            return entries;
        }
        throw last;
    }
}
