package io.consentflow.gateway.domain;

import io.consentflow.rules.contact.Hmacs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Meta's {@code X-Hub-Signature-256: sha256=<hex>} over the raw body bytes with the current app secret, or
 * the previous one while a rotation is under way. Constant-time comparison.
 */
public final class WebhookSignature {

    public enum Verdict { VALID, MISSING, INVALID }

    private static final String PREFIX = "sha256=";
    private static final HexFormat HEX = HexFormat.of();
    /** Per thread, one initialised Mac per secret (current first): no provider lookup and key schedule per call. */
    private final List<ThreadLocal<Mac>> secrets;

    public WebhookSignature(String current, String previous) {
        if (current == null || current.isBlank()) {
            throw new IllegalStateException("the WhatsApp app secret (WHATSAPP_APP_SECRET) is not set");
        }
        this.secrets = previous == null || previous.isBlank() ? List.of(Hmacs.perThread(spec(current)))
                : List.of(Hmacs.perThread(spec(current)), Hmacs.perThread(spec(previous)));
    }

    public Verdict verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        if (!header.startsWith(PREFIX)) {
            return Verdict.INVALID;
        }
        byte[] given;
        try {
            given = HEX.parseHex(header.substring(PREFIX.length()).trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID;
        }
        boolean valid = false;
        for (ThreadLocal<Mac> secret : secrets) {
            // evaluate every secret, so timing does not reveal which one matched
            valid |= MessageDigest.isEqual(secret.get().doFinal(body), given);
        }
        return valid ? Verdict.VALID : Verdict.INVALID;
    }

    /** The header value Meta would send for this body (used by tests and the benchmark). */
    public static String sign(String secret, byte[] body) {
        return PREFIX + HEX.formatHex(Hmacs.newMac(spec(secret)).doFinal(body));
    }

    private static SecretKeySpec spec(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
