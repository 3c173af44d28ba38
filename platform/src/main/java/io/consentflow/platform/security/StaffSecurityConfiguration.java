package io.consentflow.platform.security;

import io.consentflow.platform.PlatformProperties;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * Public endpoints (opt-in pages, webhook, probes, API docs) versus staff endpoints behind an OAuth2 resource server.
 * Staff tokens are JWTs with a {@code roles} claim; each service declares its rules in a {@link StaffAccessRules}
 * bean, and everything else is denied. Sessions, CSRF tokens and form login do not exist: every call carries its
 * bearer token, public forms are idempotent or protected by their own single-use tokens.
 */
@AutoConfiguration(before = ReactiveWebSecurityAutoConfiguration.class)
@EnableWebFluxSecurity
@EnableConfigurationProperties(PlatformProperties.class)
public class StaffSecurityConfiguration {

    /** Open to everyone in every service: probes, metrics and API docs (the staff auth matrix skips them). */
    public static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**",
            "/actuator/info", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**", "/webjars/**", "/favicon.ico", "/error");

    @Bean
    @ConditionalOnMissingBean
    public SecurityWebFilterChain staffSecurityFilterChain(ServerHttpSecurity http, PlatformProperties platform,
            ObjectProvider<StaffAccessRules> rules, ReactiveJwtDecoder jwtDecoder) {
        return bearerTokensOnly(http, jwtDecoder)
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers(publicPaths(platform)).permitAll();
                    rules.orderedStream().forEach(rule -> rule.declare(exchanges));
                    exchanges.anyExchange().denyAll();
                })
                .build();
    }

    /**
     * The public paths in a chain of their own, matched before the staff chain: the same header writers and the same
     * bearer-token check (a forged or expired token is refused with 401 here too), but no authorization filter,
     * since everything this chain matches is permitted to everyone, as in the staff chain's first rule. A public
     * request (a web opt-in) is thereby spared walking the staff rules and the observation of a decision that is
     * always "permit". Only beside the platform's own staff chain: a service with its own chain keeps it alone.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnBean(name = "staffSecurityFilterChain")
    public SecurityWebFilterChain publicSecurityFilterChain(ServerHttpSecurity http, PlatformProperties platform,
            ReactiveJwtDecoder jwtDecoder) {
        return bearerTokensOnly(http, jwtDecoder)
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(publicPaths(platform)))
                .build();
    }

    /** The service's own public paths first (the busy ones; a matcher stops at its first match), then the rest. */
    static String[] publicPaths(PlatformProperties platform) {
        Set<String> paths = new LinkedHashSet<>(platform.security().publicPaths());
        paths.addAll(ALWAYS_PUBLIC);
        return paths.toArray(String[]::new);
    }

    /** No CSRF tokens, basic or form login, logout or saved requests: every staff call carries its bearer token. */
    private static ServerHttpSecurity bearerTokensOnly(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt
                        .jwtDecoder(jwtDecoder)
                        .jwtAuthenticationConverter(rolesConverter())));
    }

    /**
     * Spring Security would observe its filter chain around every filter of every request (a dozen observations
     * and trace scopes each, a fifth of the gateway's web CPU per REST send request); the HTTP server observation and
     * its span stay, and so do the authentication and authorization observations.
     */
    @Bean
    @ConditionalOnMissingBean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    @Bean
    @ConditionalOnMissingBean
    public ReactiveJwtDecoder staffJwtDecoder(PlatformProperties platform) {
        PlatformProperties.Jwt jwt = platform.security().jwt();
        NimbusReactiveJwtDecoder decoder;
        if (jwt.jwkSetUri() != null && !jwt.jwkSetUri().isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
        } else if (jwt.hmacSecret() != null && jwt.hmacSecret().length() >= 32) {
            var key = new SecretKeySpec(jwt.hmacSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            decoder = NimbusReactiveJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        } else {
            throw new IllegalStateException("staff JWT verification needs consentflow.platform.security.jwt.jwk-set-uri"
                    + " (CONSENTFLOW_JWT_JWK_SET_URI) or an HMAC secret of at least 32 bytes (CONSENTFLOW_JWT_SECRET)");
        }
        decoder.setJwtValidator(validator(jwt));
        return new VerifiedTokens(decoder, Clock.systemUTC());
    }

    /**
     * Signature aside, a staff token must name this suite's issuer and audience and carry an expiry that has not
     * passed ({@code nbf} honoured). Spring's default accepts a token without {@code exp} forever and ignores
     * {@code aud}; both are required here, in every profile. Unsigned tokens ({@code alg: none}) never reach the
     * validators: the decoder refuses them.
     */
    static OAuth2TokenValidator<Jwt> validator(PlatformProperties.Jwt jwt) {
        if (jwt.audience() == null || jwt.audience().isBlank()) {
            throw new IllegalStateException("staff JWT verification needs an audience:"
                    + " consentflow.platform.security.jwt.audience (CONSENTFLOW_JWT_AUDIENCE)");
        }
        String audience = jwt.audience();
        return new DelegatingOAuth2TokenValidator<>(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtTimestampValidator(),
                new JwtIssuerValidator(jwt.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        claimed -> claimed != null && claimed.contains(audience)));
    }

    static Converter<Jwt, Mono<AbstractAuthenticationToken>> rolesConverter() {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(StaffSecurityConfiguration::roleAuthorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    static Collection<GrantedAuthority> roleAuthorities(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        if (roles == null) {
            return List.of();
        }
        return roles.stream()
                .filter(role -> java.util.Arrays.stream(Role.values()).anyMatch(known -> known.name().equals(role)))
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
