package io.consentflow.audit.domain;

import io.consentflow.proof.Sha256;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A signed commitment to every chain head at one moment. Checkpoints are numbered 1, 2, ... and each names the digest
 * of its predecessor, so a checkpoint removed from the middle of the series is noticed as well.
 *
 * @param keyId        id of the signing key ({@link SigningKeys#keyIdOf}); null only in a checkpoint written before
 *                     checkpoints named their key, which is then checked with the configured keys
 * @param heads        chainId -> (count, hash of the entry at count-1)
 * @param signature    Ed25519 over {@link #signedBytes()}, base64
 */
public record Checkpoint(long number, Instant createdAt, String previousDigest, String keyId,
        SortedMap<String, Head> heads, long totalEntries, String signature) {

    public record Head(long count, String hash) {
    }

    public static Checkpoint sign(long number, Instant createdAt, String previousDigest,
            Map<String, Head> heads, SigningKeys keys) {
        long total = heads.values().stream().mapToLong(Head::count).sum();
        Checkpoint unsigned = new Checkpoint(number, Instant.ofEpochMilli(createdAt.toEpochMilli()), previousDigest,
                keys.keyId(), new TreeMap<>(heads), total, null);
        return unsigned.withSignature(keys.sign(unsigned.signedBytes()));
    }

    public Checkpoint withSignature(String newSignature) {
        return new Checkpoint(number, createdAt, previousDigest, keyId, heads, totalEntries, newSignature);
    }

    public byte[] signedBytes() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("v", 1);
        fields.put("number", number);
        fields.put("createdAt", createdAt.toEpochMilli());
        fields.put("previousDigest", previousDigest);
        if (keyId != null) {
            // absent only in a checkpoint stored without a key id (the format before key ids): sign what it signed
            fields.put("keyId", keyId);
        }
        fields.put("totalEntries", totalEntries);
        Map<String, Object> encodedHeads = new TreeMap<>();
        heads.forEach((chain, head) -> encodedHeads.put(chain, Map.of("count", head.count(), "hash", head.hash())));
        fields.put("heads", encodedHeads);
        return CanonicalJson.encode(fields).getBytes(StandardCharsets.UTF_8);
    }

    /** What the next checkpoint names as {@code previousDigest}. */
    public String digest() {
        return Sha256.hex(signedBytes());
    }
}
