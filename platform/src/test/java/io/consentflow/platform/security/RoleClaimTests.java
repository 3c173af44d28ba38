package io.consentflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class RoleClaimTests {

    @Test
    void knownRolesBecomeAuthoritiesAndUnknownOnesAreIgnored() {
        Jwt jwt = jwt(List.of("DPO", "SUPPORT", "ROOT", "admin"));

        assertThat(StaffSecurityConfiguration.roleAuthorities(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_DPO", "ROLE_SUPPORT");
    }

    @Test
    void aTokenWithoutRolesGrantsNothing() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "HS256").claim("sub", "x")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();

        assertThat(StaffSecurityConfiguration.roleAuthorities(jwt)).isEmpty();
    }

    private static Jwt jwt(List<String> roles) {
        return Jwt.withTokenValue("t").header("alg", "HS256").claim("roles", roles)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }
}
