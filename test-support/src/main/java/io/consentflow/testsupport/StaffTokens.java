package io.consentflow.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Staff bearer tokens as the local identity provider ({@code ./run-local.sh token ROLE}) mints them. */
public final class StaffTokens {

    /** Same value as the platform's local development default (CONSENTFLOW_JWT_SECRET). */
    public static final String LOCAL_SECRET = "local-development-jwt-secret-0123456789abcdef0123456789";
    public static final String LOCAL_ISSUER = "consentflow-local";

    private StaffTokens() {
    }

    public static String forRole(String role) {
        return sign(LOCAL_SECRET, LOCAL_ISSUER, List.of(role), Duration.ofHours(1));
    }

    public static String sign(String secret, String issuer, List<String> roles, Duration validity) {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("test-" + String.join("-", roles).toLowerCase())
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
