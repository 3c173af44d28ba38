package io.consentflow.audit.app;

import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.proof.Sha256;
import io.consentflow.proof.Timestamps;
import io.consentflow.proof.WitnessedCheckpoint;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * After each checkpoint run: every checkpoint not yet anchored, oldest first, gets its RFC 3161 token (if a TSA is
 * configured) and is delivered to the witness (if one is). A failure stops the round and is retried on the next run,
 * which the heartbeat guarantees; checkpoints another instance wrote are anchored too (tokens are unique per number,
 * a witness keeps its first copy). Runs on the checkpoint thread only.
 */
@Service
public class CheckpointAnchoring {

    private static final Logger log = LoggerFactory.getLogger(CheckpointAnchoring.class);

    private final CheckpointStore checkpoints;
    private final TimestampStore timestamps;
    private final TimestampAuthority tsa;
    private final Witnesses witnesses;
    private final MeterRegistry meters;
    /** Every checkpoint up to this number is anchored; -1 until the first run has looked at the witness and store. */
    private volatile long anchoredUpTo = -1;

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

    /**
     * Anchors what is not anchored yet; emits how many checkpoints were anchored in this round. Subscribed to by the
     * checkpoint service's serialized runs only (never two rounds at once); the TSA and the witness are asked over
     * blocking HTTP, off the store's threads.
     */
    public Mono<Integer> anchorPending() {
        if (!enabled()) {
            return Mono.just(0);
        }
        return Mono.defer(() -> (anchoredUpTo < 0 ? alreadyAnchored().doOnNext(upTo -> anchoredUpTo = upTo)
                        : Mono.just(anchoredUpTo))
                .flatMap(from -> checkpoints.after(from).collectList())
                .flatMapMany(Flux::fromIterable)
                .concatMap(checkpoint -> anchor(checkpoint).doOnSuccess(done -> anchoredUpTo = checkpoint.number()))
                .count().map(Long::intValue)
                .onErrorResume(e -> {
                    // names the kind of failure only: a TSA or witness answer may quote what it was sent
                    log.warn("anchoring checkpoints failed ({}); retried on the next checkpoint run",
                            e.getClass().getSimpleName());
                    count("round", "failed");
                    return Mono.just(0);
                }));
    }

    /** Time-stamps (if configured) and delivers (if configured) one checkpoint; fails when either fails. */
    private Mono<Boolean> anchor(Checkpoint checkpoint) {
        Mono<Optional<String>> token = tsa.enabled() ? stamp(checkpoint).map(Optional::of)
                : Mono.just(Optional.empty());
        return token.publishOn(Schedulers.boundedElastic()).map(stamped -> {
            if (witnesses.enabled()) {
                witnesses.deliver(witnessed(checkpoint, stamped.orElse(null)));
                count("witness", "ok");
            }
            return true;
        });
    }

    private Mono<String> stamp(Checkpoint checkpoint) {
        return timestamps.token(checkpoint.number()).switchIfEmpty(Mono.defer(() -> {
            String token;
            try {
                token = tsa.stamp(Sha256.parseHex(checkpoint.digest()));
            } catch (Timestamps.TimestampException e) {
                count("timestamp", "failed");
                return Mono.error(e);
            }
            return timestamps.insert(checkpoint.number(), checkpoint.digest(), token)
                    .doOnSuccess(inserted -> count("timestamp", "ok"))
                    // another instance may have stored its token first: the stored one counts
                    .then(timestamps.token(checkpoint.number()));
        }).subscribeOn(Schedulers.boundedElastic()));
    }

    /**
     * On the first run: the number before the oldest checkpoint that lacks its token or its witness copy, so a restart
     * neither re-sends what was anchored nor skips a checkpoint an earlier run could not anchor.
     */
    private Mono<Long> alreadyAnchored() {
        Mono<Optional<Set<Long>>> stamped = tsa.enabled()
                ? timestamps.all().defaultIfEmpty(Map.of()).map(tokens -> Optional.of(tokens.keySet()))
                : Mono.just(Optional.empty());
        Mono<Optional<Set<Long>>> witnessed = witnesses.enabled()
                ? Mono.fromCallable(() -> Optional.of(witnesses.heads().stream().map(WitnessedCheckpoint::number)
                        .collect(Collectors.toSet()))).subscribeOn(Schedulers.boundedElastic())
                : Mono.just(Optional.empty());
        return Mono.zip(stamped, witnessed, checkpoints.numbers().collectList()).map(known -> {
            long upTo = 0;
            for (Long number : known.getT3()) {
                if (known.getT1().map(set -> !set.contains(number)).orElse(false)
                        || known.getT2().map(set -> !set.contains(number)).orElse(false)) {
                    break;
                }
                upTo = number;
            }
            return upTo;
        });
    }

    private void count(String step, String outcome) {
        meters.counter("audit.anchor.steps", "step", step, "outcome", outcome).increment();
    }
}
