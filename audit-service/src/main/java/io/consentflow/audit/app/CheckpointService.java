package io.consentflow.audit.app;

import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import io.consentflow.proof.Sha256;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a signed checkpoint every {@code interval}, or sooner once {@code everyEntries} entries were appended, when
 * any chain moved since the last one. When nothing moved, nothing is written until the latest checkpoint is older
 * than the heartbeat: then the same heads are signed again, so that a newest checkpoint older than the heartbeat shows
 * that newer ones were removed (docs/architecture.md#audit). After each run, unanchored checkpoints are time-stamped
 * and delivered to the witness ({@link CheckpointAnchoring}). The runs of one instance (its timer, an early run after
 * {@code everyEntries}, a proof request) are queued one after the other, so they never race; two instances racing for
 * the same number are settled by the unique {@code _id}.
 */
@Service
public class CheckpointService extends ReactivePeriodicTask {

    /** A run that has not ended by then fails (logged by kind) and lets the next one go. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    private final EntryStore entries;
    private final AuditLog log;
    private final CheckpointStore checkpoints;
    private final SigningKeys keys;
    private final Clock clock;
    private final Duration interval;
    private final MeterRegistry meters;
    private final Duration heartbeat;
    private final CheckpointAnchoring anchoring;
    /** The newest checkpoint number this instance read or wrote: the next run looks only from there on. */
    private volatile long latestSeen;
    /** The last run queued: the next starts when it has ended, however it ended. */
    private CompletableFuture<?> lastRun = CompletableFuture.completedFuture(null);

    /** Without heartbeats or anchoring (tests that wire the services by hand). */
    public CheckpointService(EntryStore entries, CheckpointStore checkpoints, SigningKeys keys, Clock clock,
            CheckpointSchedule schedule, AuditLog log, MeterRegistry meters) {
        this(entries, checkpoints, keys, clock, schedule, log, meters, Duration.ZERO, null);
    }

    @Autowired
    public CheckpointService(EntryStore entries, CheckpointStore checkpoints, SigningKeys keys, Clock clock,
            CheckpointSchedule schedule, AuditLog log, MeterRegistry meters, AnchorPolicy anchor,
            CheckpointAnchoring anchoring) {
        this(entries, checkpoints, keys, clock, schedule, log, meters, anchor.heartbeat(), anchoring);
    }

    private CheckpointService(EntryStore entries, CheckpointStore checkpoints, SigningKeys keys, Clock clock,
            CheckpointSchedule schedule, AuditLog log, MeterRegistry meters, Duration heartbeat,
            CheckpointAnchoring anchoring) {
        super("audit-checkpoints", RUN_LIMIT.plusMinutes(1));
        this.heartbeat = heartbeat;
        this.anchoring = anchoring;
        this.entries = entries;
        this.log = log;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.clock = clock;
        this.interval = schedule.interval();
        this.meters = meters;
        log.onCheckpointDue(this::requestCheckpoint);
    }

    /**
     * Writes a checkpoint now if any chain moved or the heartbeat is due, then anchors what is not anchored yet; emits
     * empty when nothing was written (nothing changed, or another instance won the number). Queued behind the run
     * before it; it runs to its end even when the caller stops waiting.
     */
    public Mono<Optional<Checkpoint>> checkpointNow() {
        return Mono.defer(() -> {
            CompletableFuture<Optional<Checkpoint>> run;
            synchronized (this) {
                run = lastRun.handle((ended, failed) -> ended)
                        .thenCompose(previous -> writeAndAnchor().timeout(RUN_LIMIT).toFuture());
                lastRun = run;
            }
            return Mono.fromFuture(run, true);
        });
    }

    private Mono<Optional<Checkpoint>> writeAndAnchor() {
        return writeCheckpoint().flatMap(written -> anchoring == null ? Mono.just(written)
                : anchoring.anchorPending().thenReturn(written));
    }

    private Mono<Optional<Checkpoint>> writeCheckpoint() {
        return checkpoints.latest(latestSeen).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(previous -> {
            previous.ifPresent(p -> latestSeen = p.number());
            Map<String, Checkpoint.Head> before = previous.<Map<String, Checkpoint.Head>>map(Checkpoint::heads)
                    .orElse(Map.of());
            // the chains of the last checkpoint (whoever wrote it) and those this instance knows: a chain is never
            // dropped, and one another instance created appears with that instance's next checkpoint
            Set<String> chainIds = new TreeSet<>(before.keySet());
            chainIds.addAll(log.chains());
            return Flux.fromIterable(chainIds)
                    // probing from the best known lower bound: this instance's own head hint is usually exact
                    .concatMap(chainId -> entries.head(chainId, Math.max(log.knownCount(chainId),
                            before.containsKey(chainId) ? before.get(chainId).count() : 0)))
                    .filter(head -> head.count() > 0)
                    .collectMap(head -> head.chainId(), head -> new Checkpoint.Head(head.count(), head.hash()),
                            TreeMap::new)
                    .flatMap(heads -> signIfMoved(previous, heads));
        });
    }

    private Mono<Optional<Checkpoint>> signIfMoved(Optional<Checkpoint> previous, Map<String, Checkpoint.Head> heads) {
        boolean unchanged = previous.map(p -> p.heads().equals(heads)).orElse(false);
        boolean heartbeatDue = !heartbeat.isZero() && previous.map(p -> !p.createdAt().plus(heartbeat)
                .isAfter(clock.instant())).orElse(false);
        if (heads.isEmpty() || unchanged && !heartbeatDue) {
            outcome("unchanged");
            return Mono.just(Optional.empty());
        }
        Checkpoint next = Checkpoint.sign(previous.map(Checkpoint::number).orElse(0L) + 1, clock.instant(),
                previous.map(Checkpoint::digest).orElse(Sha256.GENESIS), heads, keys);
        return checkpoints.insert(next).defaultIfEmpty(false).map(written -> {
            if (written) {
                latestSeen = next.number();
            }
            outcome(!written ? "lost-race" : unchanged ? "heartbeat" : "written");
            return written ? Optional.of(next) : Optional.<Checkpoint>empty();
        });
    }

    /**
     * Each attempt, by outcome: written, heartbeat (no chain moved, but the heartbeat was due), unchanged (nothing to
     * sign), lost-race (another instance).
     */
    private void outcome(String outcome) {
        meters.counter("audit.checkpoint.runs", "outcome", outcome).increment();
    }

    void requestCheckpoint() {
        runSoon();
    }

    @Override
    protected Duration interval() {
        Duration tick = !heartbeat.isZero() && heartbeat.compareTo(interval) < 0 ? heartbeat : interval;
        return tick.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tick;
    }

    @Override
    protected Mono<Optional<Checkpoint>> run() {
        return checkpointNow();
    }
}
