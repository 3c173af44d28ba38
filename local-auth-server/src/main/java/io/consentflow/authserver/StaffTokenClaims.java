package io.consentflow.authserver;

import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * One user per staff role, and the claims the services read: {@code roles} (platform's {@code Role} names),
 * {@code aud} = the staff audience, and {@code sub} = the staff member, which staff accountability names in the
 * audit log. The ID token carries the roles as well, so the console shows only what the role may see.
 */
@Configuration(proxyBeanMethods = false)
class StaffTokenClaims {

    static final String ROLES_CLAIM = "roles";
    private static final String ROLE_PREFIX = "STAFF_";

    @Bean
    UserDetailsService localStaff(LocalStaffProperties staff) {
        var users = staff.roles().stream()
                .map(role -> User.withUsername(role.toLowerCase(Locale.ROOT))
                        .password("{noop}" + staff.password())
                        .authorities(ROLE_PREFIX + role)
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> staffClaims(LocalStaffProperties staff) {
        return context -> {
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!accessToken && !idToken) {
                return;
            }
            List<String> roles;
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                // the command-line client: the one role asked for as scope; the subject names that role's user
                // (exactly one: a token with several roles asked at once would be an admin of its own making)
                List<String> asked = context.getAuthorizedScopes().stream().filter(staff.roles()::contains).toList();
                roles = asked.size() == 1 ? asked : List.of();
                if (asked.size() == 1) {
                    context.getClaims().subject(asked.get(0).toLowerCase(Locale.ROOT));
                }
            } else {
                roles = rolesOf(context.getPrincipal());
            }
            context.getClaims().claim(ROLES_CLAIM, roles);
            if (accessToken) {
                context.getClaims().audience(List.of(staff.audience()));
            }
        };
    }

    static List<String> rolesOf(Authentication principal) {
        return principal.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(ROLE_PREFIX)).map(a -> a.substring(ROLE_PREFIX.length())).sorted().toList();
    }
}
