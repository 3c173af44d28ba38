package io.consentflow.proof;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the audit log uses it: lower-case hex, and the chain link {@code SHA-256(prevHash bytes || canonical)}. */
public final class Sha256 {

    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();
    /**
     * One digest per thread: looking SHA-256 up among the providers cost more than hashing a consent text (every
     * caller finishes with {@code digest()}, which resets the instance for its next use on the thread).
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Sha256() {
    }

    public static byte[] digest(byte[] data) {
        return sha256().digest(data);
    }

    public static String hex(byte[] data) {
        return HEX.formatHex(digest(data));
    }

    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash of an audit entry: the 32 raw bytes of the previous hash, then the UTF-8 canonical entry. */
    public static String chained(String prevHashHex, String canonical) {
        MessageDigest digest = sha256();
        digest.update(HEX.parseHex(prevHashHex));
        digest.update(canonical.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest.digest());
    }

    public static boolean isHex64(String value) {
        return value != null && value.matches("[0-9a-f]{64}");
    }

    public static byte[] parseHex(String hex) {
        return HEX.parseHex(hex);
    }

    private static MessageDigest sha256() {
        return SHA_256.get();
    }
}
