package io.consentflow.audit.domain;

import io.consentflow.proof.Sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.audit.domain.VerificationResult.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Signing-key rotation: a checkpoint names its key; listed previous keys keep old checkpoints verifiable, an unlisted
 * key and a key id that does not match the signature are refused, old and new keys may alternate while a rotation
 * rolls out, and a
 * checkpoint stored without a key id (the format before key ids) verifies with the configured keys.
 */
class KeyRotationTest {

    /** The rotated-out test key (also listed in src/test/resources/config/application.yml). */
    static final String PREVIOUS_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIMLMt9t6l9SwYC3qEUMIntSu1+YRxaidvUV7sIO1o5Le";
    static final SigningKeys OLD = SigningKeys.fromPkcs8Base64(PREVIOUS_PRIVATE_KEY);
    static final SigningKeys CURRENT = SigningKeys.fromPkcs8Base64(SigningKeys.DEVELOPMENT_KEY);
    static final VerificationKeys ROTATED = VerificationKeys.of(CURRENT.publicKey(), List.of(OLD.publicKeyBase64()));

    private final List<AuditEntry> entries = new ArrayList<>();
    private final List<Checkpoint> checkpoints = new ArrayList<>();

    @Test
    void theKeyIdIsTheStartOfTheSha256OfThePublicKey() {
        assertThat(CURRENT.keyId()).isEqualTo(Sha256.hex(CURRENT.publicKey().getEncoded()).substring(0, 16))
                .hasSize(16).isNotEqualTo(OLD.keyId());
        assertThat(ROTATED.all()).extracting(VerificationKeys.Key::keyId, VerificationKeys.Key::current)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CURRENT.keyId(), true),
                        org.assertj.core.groups.Tuple.tuple(OLD.keyId(), false));
    }

    @Test
    void checkpointsOfAListedPreviousKeyVerifyAfterTheRotation() {
        append(3);
        checkpoint(OLD);
        append(2);
        checkpoint(CURRENT);
        VerificationResult result = verify(ROTATED);
        assertThat(result.valid()).as("%s", result.failure()).isTrue();
        assertThat(result.latestCheckpoint()).isEqualTo(2);
    }

    @Test
    void aCheckpointOfAnUnlistedKeyIsRefused() {
        append(3);
        checkpoint(OLD);
        append(2);
        checkpoint(CURRENT);
        VerificationResult result = verify(VerificationKeys.currentOnly(CURRENT.publicKey()));
        assertThat(result.valid()).isFalse();
        assertThat(result.failure().kind()).isEqualTo(Kind.UNKNOWN_CHECKPOINT_KEY);
        assertThat(result.failure().checkpoint()).isEqualTo(1);
        assertThat(result.failure().reason()).contains(OLD.keyId());
    }

    @Test
    void aKeyIdThatDoesNotMatchTheSignatureIsRefused() {
        append(3);
        checkpoint(OLD);
        // relabelled: signed by the previous key, now naming the current one (and the reverse)
        Checkpoint byOld = checkpoints.get(0);
        checkpoints.set(0, withKeyId(byOld, CURRENT.keyId()));
        assertBadSignature(verify(ROTATED));
        checkpoints.set(0, withKeyId(Checkpoint.sign(1, byOld.createdAt(), byOld.previousDigest(), byOld.heads(),
                CURRENT), OLD.keyId()));
        assertBadSignature(verify(ROTATED));
        // signed by the previous key over bytes that name the current key (a holder of the old key posing as new)
        Checkpoint posing = withKeyId(byOld, CURRENT.keyId()).withSignature(null);
        checkpoints.set(0, posing.withSignature(OLD.sign(posing.signedBytes())));
        assertBadSignature(verify(ROTATED));
    }

    @Test
    void oldAndNewKeysMayAlternateDuringARollingRotation() {
        append(3);
        checkpoint(CURRENT);
        append(1);
        checkpoint(OLD); // an instance not yet rolled out still signs with the old key
        append(1);
        checkpoint(CURRENT);
        VerificationResult result = verify(ROTATED);
        assertThat(result.valid()).as("%s", result.failure()).isTrue();
        assertThat(result.latestCheckpoint()).isEqualTo(3);
    }

    @Test
    void aCheckpointStoredWithoutKeyIdStillVerifiesWithTheCurrentKey() {
        append(4);
        checkpoints.add(legacy(CURRENT));
        append(2);
        checkpoint(CURRENT);
        VerificationResult result = verify(VerificationKeys.currentOnly(CURRENT.publicKey()));
        assertThat(result.valid()).as("%s", result.failure()).isTrue();
        assertThat(result.latestCheckpoint()).isEqualTo(2);
        // written before a rotation: a listed previous key verifies it as well
        Checkpoint first = checkpoints.get(0);
        checkpoints.set(0, first.withSignature(OLD.sign(first.signedBytes())));
        assertThat(verify(ROTATED).valid()).isTrue();
        assertThat(verify(VerificationKeys.currentOnly(CURRENT.publicKey())).failure().kind())
                .isEqualTo(Kind.BAD_CHECKPOINT_SIGNATURE);
    }

    @Test
    void removingTheKeyIdOfACheckpointBreaksItsSignature() {
        append(2);
        checkpoint(CURRENT);
        checkpoints.set(0, withKeyId(checkpoints.get(0), null));
        assertBadSignature(verify(ROTATED));
    }

    @Test
    void aMalformedPreviousKeyIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> VerificationKeys.of(CURRENT.publicKey(), List.of(OLD.publicKeyBase64(), "bm9wZQ==")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#2")
                .hasMessageNotContaining("bm9wZQ");
        assertThat(VerificationKeys.of(CURRENT.publicKey(), List.of(" ", CURRENT.publicKeyBase64())).all()).hasSize(1);
    }

    private void append(int count) {
        String chain = AuditEntry.chainId("consent-events", 0);
        ChainHead head = entries.isEmpty() ? ChainHead.empty(chain) : ChainHead.of(entries.get(entries.size() - 1));
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long offset = head.offset() + 1 + i;
            records.add(new SourceRecord("consent-events", 0, offset, "e-" + offset, "OptInExpired", "s-" + offset,
                    Instant.EPOCH, Map.of("n", offset)));
        }
        entries.addAll(Chains.extend(head, records, Instant.parse("2026-11-29T10:00:00Z")));
    }

    private Checkpoint unsignedNext(String keyId) {
        AuditEntry last = entries.get(entries.size() - 1);
        TreeMap<String, Checkpoint.Head> heads = new TreeMap<>(Map.of(last.chainId(),
                new Checkpoint.Head(last.sequence() + 1, last.hash())));
        String previous = checkpoints.isEmpty() ? Sha256.GENESIS : checkpoints.get(checkpoints.size() - 1).digest();
        return new Checkpoint(checkpoints.size() + 1L, Instant.parse("2026-11-29T10:00:01Z"), previous, keyId, heads,
                last.sequence() + 1, null);
    }

    private void checkpoint(SigningKeys keys) {
        Checkpoint unsigned = unsignedNext(keys.keyId());
        checkpoints.add(Checkpoint.sign(unsigned.number(), unsigned.createdAt(), unsigned.previousDigest(),
                unsigned.heads(), keys));
    }

    /** As written before checkpoints named their key: no key id, signed over the fields without one. */
    private Checkpoint legacy(SigningKeys keys) {
        Checkpoint unsigned = unsignedNext(null);
        return unsigned.withSignature(keys.sign(unsigned.signedBytes()));
    }

    private static Checkpoint withKeyId(Checkpoint c, String keyId) {
        return new Checkpoint(c.number(), c.createdAt(), c.previousDigest(), keyId, c.heads(), c.totalEntries(),
                c.signature());
    }

    private static void assertBadSignature(VerificationResult result) {
        assertThat(result.valid()).isFalse();
        assertThat(result.failure().kind()).isEqualTo(Kind.BAD_CHECKPOINT_SIGNATURE);
    }

    private VerificationResult verify(VerificationKeys keys) {
        ChainVerifier verifier = ChainVerifier.start(checkpoints, keys, chain -> true);
        for (AuditEntry entry : entries) {
            if (!verifier.accept(entry)) {
                break;
            }
        }
        return verifier.finish();
    }
}
