package io.consentflow.consent.adapters.web;

import static io.consentflow.platform.security.StaffAccessRules.roles;

import io.consentflow.platform.security.Role;
import io.consentflow.platform.security.StaffAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/** Who may call which staff endpoint of consent-service (docs/architecture.md#roles). */
@Component
class ConsentAccessRules implements StaffAccessRules {

    @Override
    public void declare(org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges
                .pathMatchers(HttpMethod.GET, "/api/v1/subjects/*/consent")
                .hasAnyRole(roles(Role.DPO, Role.SUPPORT, Role.MARKETING, Role.ADMIN))
                .pathMatchers("/api/v1/subjects/*/export", "/api/v1/subjects/*/erasure", "/api/v1/subjects/*/proof")
                .hasAnyRole(roles(Role.DPO, Role.ADMIN))
                .pathMatchers("/api/v1/erasure-requests", "/api/v1/erasure-requests/**")
                .hasAnyRole(roles(Role.DPO, Role.ADMIN))
                .pathMatchers("/api/v1/subjects/**")
                .hasAnyRole(roles(Role.DPO, Role.SUPPORT, Role.ADMIN));
    }
}
