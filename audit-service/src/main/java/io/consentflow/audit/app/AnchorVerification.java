package io.consentflow.audit.app;

import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.audit.domain.VerificationResult.Failure;
import io.consentflow.audit.domain.VerificationResult.Kind;
import io.consentflow.proof.Check;
import io.consentflow.proof.CheckpointChecks;
import io.consentflow.proof.Sha256;
import io.consentflow.proof.Timestamps;
import io.consentflow.proof.WitnessedCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What the chains alone cannot show: that the newest checkpoints were not removed together with the entries after
 * them. The newest checkpoint must be younger than the heartbeat allows, every head the witness holds must be in the
 * store unchanged (and every stored checkpoint old enough must have reached the witness), and every time-stamp must
 * verify over its checkpoint's digest. Checked after the chains verified; the first failure is reported.
 * <p>
 * The witness is read before the store's checkpoints ({@link #readWitness()}): a checkpoint is stored before it is
 * delivered, so every head in that earlier read must be in the later read of the store, and one that is not was
 * removed. Read after the store (as it was), a checkpoint written and delivered during the verification's stream
 * showed as "removed" (a FAILED audit page while the suite appended; VerifyWhileAppendingTests).
 */
@Service
public class AnchorVerification {

    private final TimestampStore timestamps;
    private final Witnesses witnesses;
    private final AnchorPolicy policy;
    private final Duration allowedAge;
    private final Clock clock;
    private volatile X509Certificate pinned;

    public AnchorVerification(TimestampStore timestamps, Witnesses witnesses, AnchorPolicy policy,
            CheckpointSchedule checkpoints, Clock clock) {
        this.timestamps = timestamps;
        this.witnesses = witnesses;
        this.policy = policy;
        this.allowedAge = policy.allowedAge(checkpoints.interval());
        this.clock = clock;
    }

    /** What the witness held at one moment: its heads, or why it could not be read; no heads without a witness. */
    public record WitnessRead(List<WitnessedCheckpoint> heads, String unreadable) {
    }

    /** Reads the witness; call it before reading the checkpoints that {@link #check} compares with it. */
    public Mono<WitnessRead> readWitness() {
        if (!witnesses.enabled()) {
            return Mono.just(new WitnessRead(List.of(), null));
        }
        // the witness is asked over blocking HTTP: off the caller's thread
        return Mono.fromCallable(() -> {
            try {
                return new WitnessRead(witnesses.heads(), null);
            } catch (RuntimeException e) {
                return new WitnessRead(List.of(), e.getClass().getSimpleName());
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The first anchoring failure of {@code checkpoints} (ascending, as verified, read after {@code witness}), or
     * empty.
     */
    public Mono<Optional<Failure>> check(List<Checkpoint> checkpoints, WitnessRead witness) {
        Mono<Map<Long, String>> tokens = policy.timestamped() ? timestamps.all().defaultIfEmpty(Map.of())
                : Mono.just(Map.of());
        return tokens.map(stamped -> firstFailure(checkpoints, witness, stamped));
    }

    /** The tokens by checkpoint number, for a proof bundle. */
    public Mono<Map<Long, String>> tokens() {
        return timestamps.all();
    }

    public Duration allowedAge() {
        return allowedAge;
    }

    private Optional<Failure> firstFailure(List<Checkpoint> checkpoints, WitnessRead witness,
            Map<Long, String> tokens) {
        Instant now = clock.instant();
        if (checkpoints.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint newest = checkpoints.get(checkpoints.size() - 1);
        if (!policy.heartbeat().isZero() && newest.createdAt().isBefore(now.minus(allowedAge))) {
            return Optional.of(failure(Kind.STALE_CHECKPOINT, newest.number(), "the newest checkpoint, "
                    + newest.number() + ", was written at " + newest.createdAt() + ", longer ago than the heartbeat of "
                    + policy.heartbeat() + " allows: newer checkpoints with their entries were removed, or no "
                    + "instance writes checkpoints"));
        }
        if (witnesses.enabled()) {
            Optional<Failure> mismatch = againstWitness(checkpoints, witness, now);
            if (mismatch.isPresent()) {
                return mismatch;
            }
        }
        return policy.timestamped() ? timestamps(checkpoints, now, tokens) : Optional.empty();
    }

    private Optional<Failure> againstWitness(List<Checkpoint> checkpoints, WitnessRead witness, Instant now) {
        if (witness.unreadable() != null) {
            return Optional.of(failure(Kind.WITNESS_MISMATCH, 0, "the witness cannot be read ("
                    + witness.unreadable() + "): the store cannot be compared with it"));
        }
        List<WitnessedCheckpoint> heads = witness.heads();
        List<WitnessedCheckpoint> stored = checkpoints.stream()
                .map(c -> CheckpointAnchoring.witnessed(c, null)).toList();
        for (Check check : CheckpointChecks.againstWitness(stored, heads, Long.MAX_VALUE)) {
            if (!check.ok()) {
                long number = Long.parseLong(check.subject().replaceAll("\\D", ""));
                return Optional.of(failure(Kind.WITNESS_MISMATCH, number, check.detail()));
            }
        }
        Set<Long> witnessed = heads.stream().map(WitnessedCheckpoint::number).collect(Collectors.toSet());
        return checkpoints.stream()
                .filter(c -> !witnessed.contains(c.number()) && c.createdAt().isBefore(now.minus(allowedAge)))
                .findFirst().map(c -> failure(Kind.WITNESS_MISMATCH, c.number(), "checkpoint " + c.number()
                        + " never reached the witness"));
    }

    /**
     * A checkpoint gets its token within one checkpoint run (older ones too, once time-stamping is switched on), so
     * only one older than the allowed age is missing one.
     */
    private Optional<Failure> timestamps(List<Checkpoint> checkpoints, Instant now, Map<Long, String> tokens) {
        for (Checkpoint checkpoint : checkpoints) {
            String token = tokens.get(checkpoint.number());
            if (token == null) {
                if (checkpoint.createdAt().isBefore(now.minus(allowedAge))) {
                    return Optional.of(failure(Kind.BAD_TIMESTAMP, checkpoint.number(), "checkpoint "
                            + checkpoint.number() + " has no RFC 3161 time-stamp"));
                }
                continue;
            }
            try {
                Timestamps.verify(token, Sha256.parseHex(checkpoint.digest()), pinnedCertificate());
            } catch (Timestamps.TimestampException e) {
                return Optional.of(failure(Kind.BAD_TIMESTAMP, checkpoint.number(), "checkpoint "
                        + checkpoint.number() + ": " + e.getMessage()));
            }
        }
        return Optional.empty();
    }

    private X509Certificate pinnedCertificate() {
        String configured = policy.timestampCertificate();
        if (configured == null || configured.isBlank()) {
            return null;
        }
        if (pinned == null) {
            try {
                pinned = Timestamps.certificate(configured.strip().startsWith("-----BEGIN") ? configured
                        : Files.readString(Path.of(configured.strip())));
            } catch (IOException e) {
                throw new UncheckedIOException("consentflow.audit.anchor.timestamp.certificate cannot be read", e);
            }
        }
        return pinned;
    }

    private static Failure failure(Kind kind, long checkpoint, String reason) {
        return new Failure(kind, null, -1, null, checkpoint, reason);
    }
}
