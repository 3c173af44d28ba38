package io.consentflow.platform.secrets;

import java.util.Set;

/**
 * The local development defaults documented in the README. They are public knowledge, so the {@code prod} profile
 * refuses every one of them.
 */
public final class DevelopmentSecrets {

    public static final String JWT_SECRET = "local-development-jwt-secret-0123456789abcdef0123456789";
    public static final String PEPPER = "local-development-pepper-0123456789abcdef";
    /** Base64 of 32 bytes: the AES-256 key-wrapping key for per-subject data keys. */
    public static final String MASTER_KEY = "bG9jYWwtZGV2ZWxvcG1lbnQtbWFzdGVyLWtleS0zMmI=";
    public static final String APP_SECRET = "local-app-secret";
    public static final String VERIFY_TOKEN = "local-verify-token";
    public static final String ACCESS_TOKEN = "local-access-token";
    /** HMAC key of consent-service's SendRequest signatures, shared with messaging-gateway. */
    public static final String SEND_SIGNING_KEY = "local-development-send-signing-key-0123456789";
    /** Salt of the digests that stand in for personal data in audit entries. */
    public static final String AUDIT_DIGEST_SALT = "local-development-audit-salt";

    /** PKCS#8 (base64) Ed25519 key that signs audit checkpoints in local runs. */
    public static final String AUDIT_SIGNING_KEY =
            "MC4CAQAwBQYDK2VwBCIEINCSywBKE2LxCe/uJQ2UO3Ueac8KTGfkFUqCrO/4ORaU";

    public static final Set<String> ALL = Set.of(JWT_SECRET, PEPPER, MASTER_KEY, APP_SECRET, VERIFY_TOKEN,
            ACCESS_TOKEN, AUDIT_DIGEST_SALT, AUDIT_SIGNING_KEY, SEND_SIGNING_KEY);

    private DevelopmentSecrets() {
    }

    public static boolean isDevelopmentDefault(String value) {
        return value != null && (ALL.contains(value) || value.startsWith("local-development-"));
    }
}
