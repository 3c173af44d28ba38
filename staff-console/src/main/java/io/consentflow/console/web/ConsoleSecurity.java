package io.consentflow.console.web;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in with OIDC (authorization code with PKCE, confidential client), roles from the ID token's {@code roles}
 * claim (the services' role names), and which role may open which page. The pages repeat no rule of the services:
 * a service refuses what the role may not do with the same token; the console only keeps people away from pages
 * that could show them nothing, and MARKETING away from every page with personal data.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String ROLES_CLAIM = "roles";
    static final Set<String> ROLES = Set.of("DPO", "SUPPORT", "MARKETING", "ADMIN");

    @Bean
    SecurityFilterChain console(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        var authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        return http
                .authorizeHttpRequests(pages -> pages
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/console.css", "/error").permitAll()
                        .requestMatchers("/subjects/export", "/subjects/erasure", "/subjects/proof",
                                "/erasure-requests", "/erasure-requests/**").hasAnyRole("DPO", "ADMIN")
                        .requestMatchers("/subjects", "/subjects/**", "/retention", "/retention/**", "/audit")
                        .hasAnyRole("DPO", "SUPPORT", "ADMIN")
                        .requestMatchers("/campaigns", "/campaigns/**").hasAnyRole("DPO", "SUPPORT", "MARKETING", "ADMIN")
                        .requestMatchers("/").authenticated()
                        .anyRequest().denyAll())
                .oauth2Login(login -> login.authorizationEndpoint(endpoint -> endpoint
                        .authorizationRequestResolver(authorizationRequests)))
                .logout(out -> out.logoutSuccessHandler(logout))
                .build();
    }

    /** ROLE_x for each known role name in the ID token's {@code roles} claim; anything else grants nothing. */
    @Bean
    GrantedAuthoritiesMapper staffRoles() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    mapped.addAll(roleAuthorities(oidc.getIdToken().getClaimAsStringList(ROLES_CLAIM)));
                }
            }
            return mapped;
        };
    }

    static Collection<GrantedAuthority> roleAuthorities(List<String> roles) {
        return roles == null ? List.of() : roles.stream().filter(ROLES::contains)
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }
}
