package io.consentflow.proof;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks signed checkpoints without the store: each signature with the trusted key it names, the signed number and
 * digest, the RFC 3161 token over the digest, and the previousDigest link between consecutive numbers. Also compares
 * checkpoints with a witness's copies: a head the witness holds must exist, unchanged, in what is being checked.
 */
public final class CheckpointChecks {

    private final Map<String, String> keysById;
    private final X509Certificate pinnedTsa;
    private final boolean timestampRequired;

    /**
     * @param publicKeys        trusted Ed25519 public keys (X.509 base64): the current and every listed previous key
     * @param pinnedTsa         the TSA certificate to trust; null accepts the certificate a token carries
     * @param timestampRequired a checkpoint without a token fails
     */
    public CheckpointChecks(Collection<String> publicKeys, X509Certificate pinnedTsa, boolean timestampRequired) {
        this.keysById = publicKeys.stream().map(String::strip).distinct()
                .collect(Collectors.toMap(Ed25519::keyIdOf, Function.identity(), (a, b) -> a));
        this.pinnedTsa = pinnedTsa;
        this.timestampRequired = timestampRequired;
    }

    public List<Check> check(WitnessedCheckpoint checkpoint) {
        String subject = "checkpoint " + checkpoint.number();
        List<Check> checks = new ArrayList<>();
        String digest = checkpoint.recomputedDigest();
        String keyId;
        try {
            if (checkpoint.signedNumber() != checkpoint.number()) {
                checks.add(Check.fail(subject, "number", "the signed bytes name checkpoint "
                        + checkpoint.signedNumber()));
            }
            keyId = checkpoint.signedKeyId();
        } catch (Json.ProofFormatException e) {
            return List.of(Check.fail(subject, "signature", e.getMessage()));
        }
        String key = keyId == null ? null : keysById.get(keyId);
        if (key == null) {
            checks.add(Check.fail(subject, "signature", "signed by key " + keyId + ", which is not a trusted key"));
        } else if (!Ed25519.verify(key, checkpoint.signedBytes(), checkpoint.signature())) {
            checks.add(Check.fail(subject, "signature", "the Ed25519 signature of key " + keyId + " does not verify"));
        } else {
            checks.add(Check.pass(subject, "signature", "Ed25519, key " + keyId));
        }
        if (checkpoint.timestampToken() == null || checkpoint.timestampToken().isBlank()) {
            checks.add(timestampRequired ? Check.fail(subject, "timestamp", "no RFC 3161 time-stamp")
                    : Check.pass(subject, "timestamp", "none (written before time-stamping was switched on)"));
        } else {
            try {
                Instant stamped = Timestamps.verify(checkpoint.timestampToken(), Sha256.parseHex(digest), pinnedTsa);
                checks.add(Check.pass(subject, "timestamp", "RFC 3161, " + stamped
                        + (pinnedTsa == null ? " (TSA certificate not pinned)" : ", pinned TSA")));
            } catch (Timestamps.TimestampException e) {
                checks.add(Check.fail(subject, "timestamp", e.getMessage()));
            }
        }
        return checks;
    }

    /** Every checkpoint on its own, then the previousDigest links between consecutive numbers. */
    public List<Check> checkSeries(Collection<WitnessedCheckpoint> checkpoints) {
        List<WitnessedCheckpoint> ordered = checkpoints.stream()
                .sorted(Comparator.comparingLong(WitnessedCheckpoint::number)).toList();
        List<Check> checks = new ArrayList<>();
        WitnessedCheckpoint before = null;
        for (WitnessedCheckpoint checkpoint : ordered) {
            checks.addAll(check(checkpoint));
            if (before != null && before.number() + 1 == checkpoint.number()) {
                boolean linked = before.recomputedDigest().equals(checkpoint.previousDigest());
                checks.add(linked ? Check.pass("checkpoint " + checkpoint.number(), "series", "follows checkpoint "
                        + before.number()) : Check.fail("checkpoint " + checkpoint.number(), "series",
                        "does not name the digest of checkpoint " + before.number()));
            }
            before = checkpoint;
        }
        return checks;
    }

    /**
     * Every head the witness holds must be among {@code checkpoints} with the same digest. One the witness holds and
     * the checked material lacks is a removed checkpoint; a different digest is a rewritten one.
     */
    public static List<Check> againstWitness(Collection<WitnessedCheckpoint> checkpoints,
            Collection<WitnessedCheckpoint> witnessed, long upToNumber) {
        Map<Long, String> digests = checkpoints.stream().collect(Collectors.toMap(WitnessedCheckpoint::number,
                WitnessedCheckpoint::recomputedDigest, (a, b) -> a));
        List<Check> checks = new ArrayList<>();
        for (WitnessedCheckpoint head : witnessed) {
            if (head.number() > upToNumber) {
                continue;
            }
            String subject = "witness head " + head.number();
            String ours = digests.get(head.number());
            if (ours == null) {
                checks.add(Check.fail(subject, "witness", "the witness holds checkpoint " + head.number()
                        + ", which is missing: checkpoints were removed"));
            } else if (!Objects.equals(ours, head.recomputedDigest())) {
                checks.add(Check.fail(subject, "witness", "differs from the witness's copy: the checkpoint was "
                        + "rewritten"));
            } else {
                checks.add(Check.pass(subject, "witness", "equals the witness's copy"));
            }
        }
        return checks;
    }

    /** The newest witnessed head, if any. */
    public static Optional<WitnessedCheckpoint> newest(Collection<WitnessedCheckpoint> checkpoints) {
        return checkpoints.stream().max(Comparator.comparingLong(WitnessedCheckpoint::number));
    }
}
