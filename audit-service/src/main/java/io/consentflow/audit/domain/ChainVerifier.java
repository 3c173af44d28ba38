package io.consentflow.audit.domain;

import io.consentflow.proof.Sha256;

import io.consentflow.audit.domain.VerificationResult.Failure;
import io.consentflow.audit.domain.VerificationResult.Kind;
import java.util.Optional;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Recomputes chains from a stream of entries ordered by (chainId, sequence) and checks them against every signed
 * checkpoint. Streaming: memory grows with the number of chains and checkpoint commitments, not with the log. It
 * trusts nothing the store says about heads: the only trusted inputs are the public key and the entries' contents.
 */
public final class ChainVerifier {

    private record Commitment(String hash, long checkpoint) {
    }

    private final Map<String, Map<Long, Commitment>> commitments = new HashMap<>();
    private final Map<String, Commitment> required = new TreeMap<>();
    private final Map<String, Long> requiredCounts = new HashMap<>();
    private final Set<String> seenChains = new HashSet<>();
    private long latestCheckpoint;
    private Failure failure;
    private String chain;
    private long expected;
    private String prev;
    private long entries;

    private ChainVerifier() {
    }

    /**
     * @param checkpoints every stored checkpoint, ascending by number
     * @param chains      the chains that will be streamed (all of them: {@code chain -> true})
     */
    public static ChainVerifier start(List<Checkpoint> checkpoints, VerificationKeys keys, Predicate<String> chains) {
        ChainVerifier verifier = new ChainVerifier();
        verifier.checkCheckpoints(checkpoints, keys, chains);
        return verifier;
    }

    private void checkCheckpoints(List<Checkpoint> checkpoints, VerificationKeys keys, Predicate<String> chains) {
        String previousDigest = Sha256.GENESIS;
        for (int i = 0; i < checkpoints.size(); i++) {
            Checkpoint checkpoint = checkpoints.get(i);
            latestCheckpoint = checkpoint.number();
            Signed signed = checkSignature(checkpoint, keys);
            if (signed.failure() != null) {
                fail(signed.failure());
                return;
            }
            if (checkpoint.number() != i + 1 || !previousDigest.equals(checkpoint.previousDigest())) {
                fail(new Failure(Kind.CHECKPOINT_SERIES_BROKEN, null, -1, null, checkpoint.number(),
                        "checkpoint " + checkpoint.number() + " does not follow checkpoint " + i
                                + ": a checkpoint is missing or was reordered"));
                return;
            }
            previousDigest = checkpoint.digest();
            checkpoint.heads().forEach((chainId, head) -> {
                if (!chains.test(chainId)) {
                    return;
                }
                commitments.computeIfAbsent(chainId, c -> new HashMap<>())
                        .put(head.count(), new Commitment(head.hash(), checkpoint.number()));
                if (head.count() >= requiredCounts.getOrDefault(chainId, 0L)) {
                    requiredCounts.put(chainId, head.count());
                    required.put(chainId, new Commitment(head.hash(), checkpoint.number()));
                }
            });
        }
    }

    /**
     * The key that verified a checkpoint, or why none did. The order of keys in the series is not enforced: during a
     * rolling key rotation old and new instances sign checkpoints alternately, and an append-only store could never
     * repair a series refused for that.
     */
    private record Signed(VerificationKeys.Key key, Failure failure) {
    }

    /**
     * A checkpoint names its key; only that listed key is tried (the id is signed too, so a checkpoint relabelled with
     * another listed key fails). One without a key id predates key ids: the current key is tried first, then the
     * listed previous ones, since it was signed by whichever key was current then.
     */
    private static Signed checkSignature(Checkpoint checkpoint, VerificationKeys keys) {
        long number = checkpoint.number();
        if (checkpoint.keyId() == null) {
            return keys.all().stream().filter(key -> checkpoint.signature() != null
                            && SigningKeys.verify(key.publicKey(), checkpoint.signedBytes(), checkpoint.signature()))
                    .findFirst().map(key -> new Signed(key, null))
                    .orElseGet(() -> new Signed(null, new Failure(Kind.BAD_CHECKPOINT_SIGNATURE, null, -1, null,
                            number, "checkpoint " + number + " names no key and no configured key verifies it")));
        }
        Optional<VerificationKeys.Key> key = keys.key(checkpoint.keyId());
        if (key.isEmpty()) {
            return new Signed(null, new Failure(Kind.UNKNOWN_CHECKPOINT_KEY, null, -1, null, number, "checkpoint "
                    + number + " is signed by key " + printable(checkpoint.keyId()) + ", which is neither the "
                    + "current key nor a listed previous key"));
        }
        if (checkpoint.signature() == null
                || !SigningKeys.verify(key.get().publicKey(), checkpoint.signedBytes(), checkpoint.signature())) {
            return new Signed(null, new Failure(Kind.BAD_CHECKPOINT_SIGNATURE, null, -1, null, number, "checkpoint "
                    + number + " does not carry a valid signature of the key it names, " + checkpoint.keyId()));
        }
        return new Signed(key.get(), null);
    }

    /** A stored key id is data from the store: echo it only when it has the shape of one. */
    private static String printable(String keyId) {
        return keyId.matches("[0-9a-f]{16}") ? keyId : "(malformed id)";
    }

    /** Checks the next entry; false once the log is known to be broken (stop streaming). */
    public boolean accept(AuditEntry entry) {
        if (failure != null) {
            return false;
        }
        if (entry.chainId() == null || entry.prevHash() == null || entry.hash() == null || entry.recordedAt() == null
                || entry.topic() == null) {
            return fail(at(Kind.MALFORMED_ENTRY, entry, "the entry lacks a required field"));
        }
        if (!entry.chainId().equals(chain)) {
            if (chain != null && !closeChain()) {
                return false;
            }
            if (!seenChains.add(entry.chainId())) {
                return fail(at(Kind.UNEXPECTED_ENTRY, entry, "entry appears outside its chain's order"));
            }
            chain = entry.chainId();
            expected = 0;
            prev = Sha256.GENESIS;
        }
        if (entry.sequence() < expected) {
            return fail(at(Kind.UNEXPECTED_ENTRY, entry, "sequence " + entry.sequence() + " appears after "
                    + (expected - 1) + ": an entry was inserted or reordered"));
        }
        if (entry.sequence() > expected) {
            return fail(at(Kind.MISSING_ENTRY, entry, "expected sequence " + expected + " but found "
                    + entry.sequence() + ": an entry was removed or reordered"));
        }
        if (!prev.equals(entry.prevHash())) {
            return fail(at(Kind.BROKEN_LINK, entry, "prevHash does not match the hash of the preceding entry"));
        }
        if (!entry.computeHash().equals(entry.hash())) {
            return fail(at(Kind.CHANGED_ENTRY, entry, "the recomputed hash differs: the entry was changed"));
        }
        Commitment committed = commitments.getOrDefault(chain, Map.of()).get(entry.sequence() + 1);
        if (committed != null && !committed.hash().equals(entry.hash())) {
            return fail(new Failure(Kind.CHECKPOINT_MISMATCH, chain, entry.sequence(), entry.id(),
                    committed.checkpoint(), "checkpoint " + committed.checkpoint()
                            + " commits to a different hash at this position: the chain was rewritten"));
        }
        prev = entry.hash();
        expected++;
        entries++;
        return true;
    }

    public VerificationResult finish() {
        if (failure == null && chain != null) {
            closeChain();
        }
        if (failure == null) {
            for (Map.Entry<String, Commitment> commitment : required.entrySet()) {
                if (!seenChains.contains(commitment.getKey())) {
                    fail(new Failure(Kind.TRUNCATED_CHAIN, commitment.getKey(), 0, null,
                            commitment.getValue().checkpoint(), "checkpoint " + commitment.getValue().checkpoint()
                                    + " commits to " + requiredCounts.get(commitment.getKey())
                                    + " entries but the store holds none"));
                    break;
                }
            }
        }
        return new VerificationResult(failure == null, entries, seenChains.size(), latestCheckpoint, failure);
    }

    public boolean failed() {
        return failure != null;
    }

    private boolean closeChain() {
        long committedCount = requiredCounts.getOrDefault(chain, 0L);
        if (expected < committedCount) {
            return fail(new Failure(Kind.TRUNCATED_CHAIN, chain, expected, null, required.get(chain).checkpoint(),
                    "checkpoint " + required.get(chain).checkpoint() + " commits to " + committedCount
                            + " entries but the store holds " + expected + ": the tail was removed"));
        }
        return true;
    }

    private Failure at(Kind kind, AuditEntry entry, String reason) {
        return new Failure(kind, entry.chainId(), entry.sequence(), entry.id(), 0, reason);
    }

    private boolean fail(Failure newFailure) {
        if (failure == null) {
            failure = newFailure;
        }
        return false;
    }
}
