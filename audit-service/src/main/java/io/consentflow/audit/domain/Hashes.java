package io.consentflow.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers; hashes travel as lower-case hex. */
public final class Hashes {

    /** prevHash of the first entry of every chain. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256().digest(data));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256(prevHash || canonical): the 32 raw bytes of the previous hash, then the UTF-8 canonical encoding. */
    public static String chained(String prevHashHex, String canonical) {
        MessageDigest digest = sha256();
        digest.update(HEX.parseHex(prevHashHex));
        digest.update(canonical.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest.digest());
    }

    public static boolean isHash(String value) {
        return value != null && value.length() == 64 && value.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f'));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
