package io.consentflow.localinfra.send;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A staff JWT as {@code ./run-local.sh token ROLE} mints it (scripts/StaffToken.java): HS256 over the UTF-8 bytes of
 * the shared secret, claims iss, aud, sub=local-&lt;role&gt;, roles=[ROLE], iat and exp. Minted in-process so that
 * {@code send} needs no second JVM; only the lifetime is shorter, since it serves one command.
 */
final class StaffToken {

    /** The platform's local development secret (consentflow-platform-defaults.yml); the prod profile refuses it. */
    static final String LOCAL_SECRET = "local-development-jwt-secret-0123456789abcdef0123456789";
    static final String LOCAL_ISSUER = "consentflow-local";
    /** The staff APIs' audience (CONSENTFLOW_JWT_AUDIENCE's default). */
    static final String LOCAL_AUDIENCE = "consentflow-staff";

    private StaffToken() {
    }

    /**
     * @param role one of the platform's roles (DPO, SUPPORT, MARKETING, ADMIN, CAMPAIGN): upper-case letters only, so
     *             the claims are written by hand without escaping
     */
    static String mint(String secret, String issuer, String audience, String role, Instant now, Duration lifetime) {
        if (!role.matches("[A-Z]+")) {
            throw new IllegalArgumentException("not a role: " + role);
        }
        long iat = now.getEpochSecond();
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + json(issuer) + "\",\"aud\":\"" + json(audience) + "\",\"sub\":\"local-"
                + role.toLowerCase(Locale.ROOT)
                + "\",\"roles\":[\"" + role + "\"],\"iat\":" + iat + ",\"exp\":" + (iat + lifetime.toSeconds()) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + base64Url(hmacSha256(secret, signingInput));
    }

    static byte[] hmacSha256(String secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Issuer and audience come from the environment (CONSENTFLOW_JWT_*), so they are escaped, unlike the role. */
    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
