package io.consentflow.audit.app;

import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.proof.Sha256;
import io.consentflow.proof.Timestamps;
import io.consentflow.proof.WitnessedCheckpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * After each checkpoint run: every checkpoint not yet anchored, oldest first, gets its RFC 3161 token (if a TSA is
 * configured) and is delivered to the witness (if one is). A failure stops the round and is retried on the next run,
 * which the heartbeat guarantees; checkpoints another instance wrote are anchored too (tokens are unique per number,
 * a witness keeps its first copy). Runs on the checkpoint thread only.
 */
@Service
public class CheckpointAnchoring {

    private static final Logger log = LoggerFactory.getLogger(CheckpointAnchoring.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final CheckpointStore checkpoints;
    private final TimestampStore timestamps;
    private final TimestampAuthority tsa;
    private final Witnesses witnesses;
    private final MeterRegistry meters;
    /** Every checkpoint up to this number is anchored; -1 until the first run has looked at the witness and store. */
    private long anchoredUpTo = -1;

    public CheckpointAnchoring(CheckpointStore checkpoints, TimestampStore timestamps, TimestampAuthority tsa,
            Witnesses witnesses, MeterRegistry meters) {
        this.checkpoints = checkpoints;
        this.timestamps = timestamps;
        this.tsa = tsa;
        this.witnesses = witnesses;
        this.meters = meters;
    }

    /** The head as a witness and a proof bundle carry it. */
    public static WitnessedCheckpoint witnessed(Checkpoint checkpoint, String timestampToken) {
        return new WitnessedCheckpoint(checkpoint.number(), checkpoint.createdAt().toString(), checkpoint.keyId(),
                new String(checkpoint.signedBytes(), StandardCharsets.UTF_8), checkpoint.signature(),
                checkpoint.digest(), timestampToken);
    }

    public boolean enabled() {
        return tsa.enabled() || witnesses.enabled();
    }

    /** Anchors what is not anchored yet; returns how many checkpoints were anchored in this round. */
    public synchronized int anchorPending() {
        if (!enabled()) {
            return 0;
        }
        try {
            if (anchoredUpTo < 0) {
                anchoredUpTo = alreadyAnchored();
            }
            long from = anchoredUpTo;
            List<Checkpoint> pending = checkpoints.after(from).collectList().block(WAIT);
            int anchored = 0;
            for (Checkpoint checkpoint : pending == null ? List.<Checkpoint>of() : pending) {
                String token = tsa.enabled() ? stamp(checkpoint) : null;
                if (witnesses.enabled()) {
                    witnesses.deliver(witnessed(checkpoint, token));
                    count("witness", "ok");
                }
                anchoredUpTo = checkpoint.number();
                anchored++;
            }
            return anchored;
        } catch (RuntimeException e) {
            // names the kind of failure only: a TSA or witness answer may quote what it was sent
            log.warn("anchoring checkpoints failed ({}); retried on the next checkpoint run",
                    e.getClass().getSimpleName());
            count("round", "failed");
            return 0;
        }
    }

    private String stamp(Checkpoint checkpoint) {
        String stored = timestamps.token(checkpoint.number()).block(WAIT);
        if (stored != null) {
            return stored;
        }
        try {
            String token = tsa.stamp(Sha256.parseHex(checkpoint.digest()));
            timestamps.insert(checkpoint.number(), checkpoint.digest(), token).block(WAIT);
            count("timestamp", "ok");
            return timestamps.token(checkpoint.number()).block(WAIT);
        } catch (Timestamps.TimestampException e) {
            count("timestamp", "failed");
            throw e;
        }
    }

    /**
     * On the first run: the number before the oldest checkpoint that lacks its token or its witness copy, so a restart
     * neither re-sends what was anchored nor skips a checkpoint an earlier run could not anchor.
     */
    private long alreadyAnchored() {
        Set<Long> stamped = tsa.enabled() ? timestamps.all().blockOptional(WAIT).orElse(Map.of()).keySet()
                : null;
        Set<Long> witnessed = witnesses.enabled() ? witnesses.heads().stream()
                .map(WitnessedCheckpoint::number).collect(Collectors.toSet()) : null;
        long upTo = 0;
        for (Long number : checkpoints.numbers().collectList().blockOptional(WAIT).orElse(List.of())) {
            if ((stamped != null && !stamped.contains(number)) || (witnessed != null && !witnessed.contains(number))) {
                break;
            }
            upTo = number;
        }
        return upTo;
    }

    private void count(String step, String outcome) {
        meters.counter("audit.anchor.steps", "step", step, "outcome", outcome).increment();
    }
}
