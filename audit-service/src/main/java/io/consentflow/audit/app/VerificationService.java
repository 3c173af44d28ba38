package io.consentflow.audit.app;

import io.consentflow.audit.app.AnchorVerification.WitnessRead;
import io.consentflow.audit.domain.ChainVerifier;
import io.consentflow.audit.domain.VerificationKeys;
import io.consentflow.audit.domain.VerificationResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Recomputes the chains from the stored entries and checks them against every signed checkpoint, each with the key it
 * names (current or a listed previous key). Every verification of the whole log is counted by result
 * ({@code consentflow.audit.verification}, result valid or failed): a failed one raises an alert.
 */
@Service
public class VerificationService {

    private final EntryStore entries;
    private final CheckpointStore checkpoints;
    private final VerificationKeys keys;
    private final Optional<AnchorVerification> anchors;
    private final Counter valid;
    private final Counter failed;

    /** Chains and signatures only (tests that wire the services by hand). */
    public VerificationService(EntryStore entries, CheckpointStore checkpoints, VerificationKeys keys,
            MeterRegistry meters) {
        this(entries, checkpoints, keys, meters, Optional.empty());
    }

    /** Chains and signatures, then anchoring: heartbeat, witness and time-stamps. */
    @Autowired
    public VerificationService(EntryStore entries, CheckpointStore checkpoints, VerificationKeys keys,
            MeterRegistry meters, Optional<AnchorVerification> anchors) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.anchors = anchors;
        this.valid = meters.counter(METRIC, "result", "valid");
        this.failed = meters.counter(METRIC, "result", "failed");
    }

    static final String METRIC = "consentflow.audit.verification";

    public Mono<VerificationResult> verifyAll() {
        return verify(null).doOnNext(result -> (result.valid() ? valid : failed).increment());
    }

    /** Verifies only the named chains (a subject's proof), or all chains when {@code chains} is null. */
    public Mono<VerificationResult> verify(Set<String> chains) {
        // the witness first, then the checkpoints: what it holds was stored before (see AnchorVerification)
        Mono<Optional<WitnessRead>> witness = anchors.map(a -> a.readWitness().map(Optional::of))
                .orElseGet(() -> Mono.just(Optional.empty()));
        return witness.flatMap(read -> checkpoints.ascending().collectList().flatMap(list -> {
            ChainVerifier verifier = ChainVerifier.start(list, keys, chain -> chains == null || chains.contains(chain));
            Mono<VerificationResult> chained = verifier.failed() ? Mono.just(verifier.finish())
                    : entries.stream(chains).takeWhile(verifier::accept).then(Mono.fromSupplier(verifier::finish));
            return chained.flatMap(result -> !result.valid() || read.isEmpty() ? Mono.just(result)
                    : anchors.get().check(list, read.get()).map(failure -> failure.map(f -> new VerificationResult(
                            false, result.entriesChecked(), result.chains(), result.latestCheckpoint(), f))
                            .orElse(result)));
        }));
    }
}
