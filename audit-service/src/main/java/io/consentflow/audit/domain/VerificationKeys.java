package io.consentflow.audit.domain;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys checkpoints are verified with: the current signing key and the previous ones an operator still
 * lists after a rotation. A checkpoint names its key by {@link SigningKeys#keyIdOf key id}; only a listed id is
 * tried, and the id is part of the signed bytes, so relabelling a checkpoint with another listed key fails too.
 */
public final class VerificationKeys {

    /** One trusted key; {@code current} is the key new checkpoints are signed with. */
    public record Key(String keyId, PublicKey publicKey, boolean current) {
    }

    private final String currentId;
    private final Map<String, Key> byId;

    private VerificationKeys(String currentId, Map<String, Key> byId) {
        this.currentId = currentId;
        this.byId = Collections.unmodifiableMap(byId);
    }

    /**
     * @param previousX509Base64 previous public keys (X.509 SubjectPublicKeyInfo, base64); blanks and the current key
     *                           are ignored. A key that does not parse fails by position, without echoing it.
     */
    public static VerificationKeys of(PublicKey current, List<String> previousX509Base64) {
        Map<String, Key> keys = new LinkedHashMap<>();
        String currentId = SigningKeys.keyIdOf(current);
        keys.put(currentId, new Key(currentId, current, true));
        List<String> previous = previousX509Base64 == null ? List.of() : previousX509Base64;
        for (int i = 0; i < previous.size(); i++) {
            String value = previous.get(i) == null ? "" : previous.get(i).replaceAll("\\s", "");
            if (value.isEmpty()) {
                continue;
            }
            PublicKey key;
            try {
                key = SigningKeys.publicKeyFromBase64(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("previous public key #" + (i + 1)
                        + " is not an X.509 base64 Ed25519 public key");
            }
            keys.putIfAbsent(SigningKeys.keyIdOf(key), new Key(SigningKeys.keyIdOf(key), key, false));
        }
        return new VerificationKeys(currentId, keys);
    }

    public static VerificationKeys currentOnly(PublicKey current) {
        return of(current, List.of());
    }

    public String currentKeyId() {
        return currentId;
    }

    public PublicKey current() {
        return byId.get(currentId).publicKey();
    }

    public Optional<Key> key(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    /** Current key first, then the previous keys in configuration order. */
    public List<Key> all() {
        return new ArrayList<>(byId.values());
    }
}
