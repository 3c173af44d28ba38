package io.consentflow.audit.app;

import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.audit.domain.Hashes;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.audit.mongo.CheckpointStore;
import io.consentflow.audit.mongo.EntryStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import io.consentflow.platform.scheduling.PeriodicTask;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/**
 * Writes a signed checkpoint every {@code interval}, or sooner once {@code everyEntries} entries were appended, when
 * any chain moved since the last one. When nothing moved, nothing is written: a checkpoint is a commitment to heads,
 * and signing the same heads again would add only a timestamp (and an unbounded series of identical documents in a
 * collection nothing may delete from). Runs on one private thread, so checkpoints of one instance never race; two
 * instances racing for the same number are settled by the unique {@code _id}.
 */
@Service
public class CheckpointService extends PeriodicTask {

    private final EntryStore entries;
    private final AuditLog log;
    private final CheckpointStore checkpoints;
    private final SigningKeys keys;
    private final Clock clock;
    private final Duration interval;
    private final MeterRegistry meters;

    public CheckpointService(EntryStore entries, CheckpointStore checkpoints, SigningKeys keys, Clock clock,
            AuditProperties properties, AuditLog log, MeterRegistry meters) {
        super("audit-checkpoints");
        this.entries = entries;
        this.log = log;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.clock = clock;
        this.interval = properties.checkpoint().interval();
        this.meters = meters;
        log.onCheckpointDue(this::requestCheckpoint);
    }

    /** Writes a checkpoint now if any chain moved; empty when nothing changed or another instance won the number. */
    public synchronized Optional<Checkpoint> checkpointNow() {
        Optional<Checkpoint> previous = checkpoints.latest().blockOptional(Duration.ofSeconds(30));
        Map<String, Checkpoint.Head> before = previous.<Map<String, Checkpoint.Head>>map(Checkpoint::heads)
                .orElse(Map.of());
        // the chains of the last checkpoint (whoever wrote it) and those this instance knows: a chain is never
        // dropped, and one another instance created appears with that instance's next checkpoint
        Set<String> chainIds = new TreeSet<>(before.keySet());
        chainIds.addAll(log.chains());
        Map<String, Checkpoint.Head> heads = new TreeMap<>();
        Flux.fromIterable(chainIds)
                // probing from the best known lower bound: this instance's own head hint is usually exact
                .concatMap(chainId -> entries.head(chainId, Math.max(log.knownCount(chainId),
                        before.containsKey(chainId) ? before.get(chainId).count() : 0)))
                .filter(head -> head.count() > 0)
                .doOnNext(head -> heads.put(head.chainId(), new Checkpoint.Head(head.count(), head.hash())))
                .blockLast(Duration.ofSeconds(60));
        if (heads.isEmpty() || previous.map(p -> p.heads().equals(heads)).orElse(false)) {
            outcome("unchanged");
            return Optional.empty();
        }
        Checkpoint next = Checkpoint.sign(previous.map(Checkpoint::number).orElse(0L) + 1, clock.instant(),
                previous.map(Checkpoint::digest).orElse(Hashes.GENESIS), heads, keys);
        boolean written = Boolean.TRUE.equals(checkpoints.insert(next).block(Duration.ofSeconds(30)));
        outcome(written ? "written" : "lost-race");
        return written ? Optional.of(next) : Optional.empty();
    }

    /** Each attempt, by outcome: written, unchanged (no chain moved: nothing to sign), lost-race (another instance). */
    private void outcome(String outcome) {
        meters.counter("audit.checkpoint.runs", "outcome", outcome).increment();
    }

    void requestCheckpoint() {
        runSoon();
    }

    @Override
    protected Duration interval() {
        return interval.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : interval;
    }

    @Override
    protected void runOnce() {
        checkpointNow();
    }
}
