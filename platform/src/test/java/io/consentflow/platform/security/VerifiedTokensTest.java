package io.consentflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.consentflow.platform.PlatformProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The staff decoder verifies a token once and serves it from memory until its expiry; a token differing in any
 * byte, or one whose expiry has passed, goes to the real decoder (HMAC, the suite's validators) and is refused.
 */
class VerifiedTokensTest {

    private static final String SECRET = "verified-tokens-test-secret-0123456789abcdef";
    private static final PlatformProperties.Jwt SETTINGS =
            new PlatformProperties.Jwt(SECRET, null, "consentflow-local", "consentflow-staff");
    private final AtomicInteger decoded = new AtomicInteger();
    private Instant now = Instant.now();

    @Test
    void aVerifiedTokenIsDecodedOnceUntilItExpiresAndThenRefused() throws Exception {
        ReactiveJwtDecoder tokens = new VerifiedTokens(counting(), clock());
        String token = sign(SECRET, Duration.ofMinutes(5));

        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("campaign");
        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("campaign");
        assertThat(decoded).hasValue(1);

        now = now.plus(Duration.ofMinutes(10)); // past exp and the validator's minute of skew
        assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtValidationException.class);
        assertThat(decoded).hasValue(2);
    }

    @Test
    void aTokenChangedInOneByteOrSignedWithAnotherKeyIsNeverServedFromMemory() throws Exception {
        ReactiveJwtDecoder tokens = new VerifiedTokens(counting(), clock());
        String token = sign(SECRET, Duration.ofMinutes(5));
        tokens.decode(token).block();

        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> tokens.decode(tampered).block()).isNotNull();
        String forged = sign("another-secret-of-at-least-thirty-two-bytes!!", Duration.ofMinutes(5));
        assertThatThrownBy(() -> tokens.decode(forged).block()).isNotNull();
        assertThat(decoded).hasValue(3);
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    /** The real HMAC decoder with the suite's validators (on the test's clock), counting what reaches it. */
    private ReactiveJwtDecoder counting() {
        var key = new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256).build();
        var validator = StaffSecurityConfiguration.validator(SETTINGS);
        decoder.setJwtValidator(jwt -> {
            // the validators read the wall clock; past the test clock's expiry, refuse as they would then
            if (jwt.getExpiresAt().isBefore(now.minusSeconds(60))) {
                return org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.failure(
                        new org.springframework.security.oauth2.core.OAuth2Error("invalid_token", "expired", null));
            }
            return validator.validate(jwt);
        });
        return token -> {
            decoded.incrementAndGet();
            return decoder.decode(token);
        };
    }

    private static String sign(String secret, Duration validity) throws Exception {
        Instant issued = Instant.now();
        var claims = new JWTClaimsSet.Builder().issuer("consentflow-local").subject("campaign")
                .audience(List.of("consentflow-staff")).claim("roles", List.of("CAMPAIGN"))
                .issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(validity))).build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
