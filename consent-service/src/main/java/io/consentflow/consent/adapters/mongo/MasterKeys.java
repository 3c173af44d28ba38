package io.consentflow.consent.adapters.mongo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys that wrap the subjects' data keys: the current one ({@code CONSENTFLOW_MASTER_KEY}) wraps, and
 * during a rotation the previous ones ({@code CONSENTFLOW_PREVIOUS_MASTER_KEYS}) still unwrap what they wrapped until
 * {@code KeyRingRotation} has re-wrapped it. A key is named by its id, the first 16 hex digits of the SHA-256 of the
 * key, which is stored next to every wrapped key and never reveals the key. An external KMS would implement the same
 * two operations behind this class's {@link #wrap} and {@link #unwrap}.
 */
public final class MasterKeys {

    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    public MasterKeys(String currentBase64, List<String> previousBase64) {
        SecretKey current = parse(currentBase64, "consentflow.consent.master-key");
        this.currentId = idOf(current);
        keys.put(currentId, current);
        for (String previous : previousBase64) {
            if (previous != null && !previous.isBlank()) {
                SecretKey key = parse(previous, "consentflow.consent.previous-master-keys");
                keys.putIfAbsent(idOf(key), key);
            }
        }
    }

    /** A data key wrapped by the master key {@code masterKeyId}. */
    public record WrappedKey(String masterKeyId, String sealed) {
    }

    public String currentId() {
        return currentId;
    }

    WrappedKey wrap(SecretKey dataKey, String subjectId) {
        return new WrappedKey(currentId, SubjectCrypto.seal(keys.get(currentId), dataKey.getEncoded(),
                associatedData(subjectId)));
    }

    SecretKey unwrap(WrappedKey wrapped, String subjectId) {
        SecretKey master = keys.get(wrapped.masterKeyId());
        if (master == null) {
            // names the key id (public), never a key
            throw new IllegalStateException("master key " + wrapped.masterKeyId() + " is not configured");
        }
        return new SecretKeySpec(SubjectCrypto.open(master, wrapped.sealed(), associatedData(subjectId)), "AES");
    }

    /** A key wrapped inside the subject document by versions before the key ring, which did not name the key. */
    SecretKey unwrapUnnamed(String sealed, String subjectId) {
        IllegalStateException last = null;
        for (String id : keys.keySet()) {
            try {
                return unwrap(new WrappedKey(id, sealed), subjectId);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static String associatedData(String subjectId) {
        return "data-key:" + subjectId;
    }

    private static SecretKey parse(String base64, String property) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (AES-256), base64");
        }
        return new SecretKeySpec(key, "AES");
    }

    static String idOf(SecretKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
