package io.consentflow.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Staff bearer tokens as the local identity provider ({@code ./run-local.sh token ROLE}) mints them, and the flawed
 * ones an attacker or a misconfigured client would present ({@link #claims()} changes one thing at a time).
 */
public final class StaffTokens {

    /** Same value as the platform's local development default (CONSENTFLOW_JWT_SECRET). */
    public static final String LOCAL_SECRET = "local-development-jwt-secret-0123456789abcdef0123456789";
    public static final String LOCAL_ISSUER = "consentflow-local";
    /** The one audience of every staff API (CONSENTFLOW_JWT_AUDIENCE's default). */
    public static final String LOCAL_AUDIENCE = "consentflow-staff";

    private StaffTokens() {
    }

    public static String forRole(String role) {
        return sign(LOCAL_SECRET, LOCAL_ISSUER, List.of(role), Duration.ofHours(1));
    }

    public static String sign(String secret, String issuer, List<String> roles, Duration validity) {
        return claims().issuer(issuer).roles(roles).validFor(validity).signedWith(secret);
    }

    /** A valid local token for one role whose subject names the client, as a client-credentials token's does. */
    public static String forClient(String role, String client) {
        return claims().roles(List.of(role)).subject(client).signed();
    }

    /** A valid local token for ADMIN, one hour, to be changed one claim at a time. */
    public static Claims claims() {
        return new Claims(LOCAL_ISSUER, LOCAL_AUDIENCE, List.of("ADMIN"), Duration.ofHours(1));
    }

    /**
     * @param validity from now; negative: already expired; null: no {@code exp} claim at all
     * @param subject  the {@code sub} claim; null: {@code test-<roles>}
     */
    public record Claims(String issuer, String audience, List<String> roles, Duration validity, String subject) {

        public Claims(String issuer, String audience, List<String> roles, Duration validity) {
            this(issuer, audience, roles, validity, null);
        }

        public Claims issuer(String value) {
            return new Claims(value, audience, roles, validity, subject);
        }

        public Claims audience(String value) {
            return new Claims(issuer, value, roles, validity, subject);
        }

        public Claims roles(List<String> value) {
            return new Claims(issuer, audience, List.copyOf(value), validity, subject);
        }

        public Claims validFor(Duration value) {
            return new Claims(issuer, audience, roles, value, subject);
        }

        public Claims withoutExpiry() {
            return new Claims(issuer, audience, roles, null, subject);
        }

        public Claims subject(String value) {
            return new Claims(issuer, audience, roles, validity, value);
        }

        public String signedWith(String secret) {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), build());
            try {
                jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }

        public String signed() {
            return signedWith(LOCAL_SECRET);
        }

        /** {@code alg: none}: the claims with no signature at all. */
        public String unsigned() {
            return new PlainJWT(new PlainHeader(), build()).serialize();
        }

        private JWTClaimsSet build() {
            Instant now = Instant.now();
            var claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(subject != null ? subject
                            : "test-" + String.join("-", roles).toLowerCase(java.util.Locale.ROOT))
                    .claim("roles", roles)
                    .issueTime(Date.from(now));
            if (audience != null) {
                claims.audience(audience);
            }
            if (validity != null) {
                claims.expirationTime(Date.from(now.plus(validity)));
            }
            return claims.build();
        }
    }
}
