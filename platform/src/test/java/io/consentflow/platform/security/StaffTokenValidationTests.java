package io.consentflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.platform.PlatformProperties;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** What a staff token must carry besides a valid signature: issuer, audience, an unexpired expiry. */
class StaffTokenValidationTests {

    private static final PlatformProperties.Jwt SETTINGS =
            new PlatformProperties.Jwt(null, "https://idp.example/jwks", "https://idp.example", "consentflow-staff");
    private final OAuth2TokenValidator<Jwt> validator = StaffSecurityConfiguration.validator(SETTINGS);

    @Test
    void aTokenForThisAudienceFromThisIssuerWithAnExpiryPasses() {
        assertThat(validator.validate(token().build()).hasErrors()).isFalse();
    }

    @Test
    void aTokenThatAlsoNamesAnotherAudiencePasses() {
        assertThat(validator.validate(token().audience(List.of("console", "consentflow-staff")).build()).hasErrors())
                .isFalse();
    }

    @Test
    void aTokenForAnotherApplicationOfTheSameIdentityProviderIsRefused() {
        assertThat(validator.validate(token().audience(List.of("crm")).build()).hasErrors()).isTrue();
    }

    @Test
    void aTokenWithoutAudienceIsRefused() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuer("https://idp.example")
                .expiresAt(Instant.now().plusSeconds(60)).build();
        assertThat(validator.validate(jwt).hasErrors()).isTrue();
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").issuer("https://idp.example")
                .audience(List.of("consentflow-staff")).issuedAt(Instant.now().minusSeconds(5)).build();
        assertThat(validator.validate(jwt).hasErrors()).isTrue();
    }

    @Test
    void anExpiredTokenAndOneFromAnotherIssuerAreRefused() {
        assertThat(validator.validate(token().issuedAt(Instant.now().minusSeconds(600))
                .expiresAt(Instant.now().minusSeconds(300)).build()).hasErrors()).isTrue();
        assertThat(validator.validate(token().issuer("https://other.example").build()).hasErrors()).isTrue();
    }

    @Test
    void aBlankAudienceSettingStopsTheStart() {
        assertThatThrownBy(() -> StaffSecurityConfiguration.validator(
                new PlatformProperties.Jwt(null, "https://idp.example/jwks", "https://idp.example", " ")))
                .hasMessageContaining("CONSENTFLOW_JWT_AUDIENCE");
    }

    private static Jwt.Builder token() {
        return Jwt.withTokenValue("t").header("alg", "RS256").issuer("https://idp.example")
                .audience(List.of("consentflow-staff")).issuedAt(Instant.now().minusSeconds(5))
                .expiresAt(Instant.now().plusSeconds(300));
    }
}
