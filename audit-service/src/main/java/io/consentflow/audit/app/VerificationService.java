package io.consentflow.audit.app;

import io.consentflow.audit.domain.ChainVerifier;
import io.consentflow.audit.domain.VerificationKeys;
import io.consentflow.audit.domain.VerificationResult;
import io.consentflow.audit.mongo.CheckpointStore;
import io.consentflow.audit.mongo.EntryStore;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Recomputes the chains from the stored entries and checks them against every signed checkpoint, each with the key it
 * names (current or a listed previous key).
 */
@Service
public class VerificationService {

    private final EntryStore entries;
    private final CheckpointStore checkpoints;
    private final VerificationKeys keys;

    public VerificationService(EntryStore entries, CheckpointStore checkpoints, VerificationKeys keys) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.keys = keys;
    }

    public Mono<VerificationResult> verifyAll() {
        return verify(null);
    }

    /** Verifies only the named chains (a subject's proof), or all chains when {@code chains} is null. */
    public Mono<VerificationResult> verify(Set<String> chains) {
        return checkpoints.ascending().collectList()
                .map(list -> ChainVerifier.start(list, keys,
                        chain -> chains == null || chains.contains(chain)))
                .flatMap(verifier -> verifier.failed() ? Mono.just(verifier.finish())
                        : entries.stream(chains).takeWhile(verifier::accept).then(Mono.fromSupplier(verifier::finish)));
    }
}
