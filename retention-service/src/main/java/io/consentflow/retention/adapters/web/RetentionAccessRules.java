package io.consentflow.retention.adapters.web;

import static io.consentflow.platform.security.StaffAccessRules.roles;

import io.consentflow.platform.security.Role;
import io.consentflow.platform.security.StaffAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.stereotype.Component;

/**
 * Reading policies, deadlines and overdue erasures: DPO, ADMIN and SUPPORT (they answer data subjects' questions);
 * requesting an erasure (Art. 17): DPO and ADMIN only. MARKETING has no business here.
 */
@Component
class RetentionAccessRules implements StaffAccessRules {

    @Override
    public void declare(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges
                .pathMatchers(HttpMethod.POST, "/api/v1/retention/erasures").hasAnyRole(roles(Role.DPO, Role.ADMIN))
                .pathMatchers(HttpMethod.GET, "/api/v1/retention/policies", "/api/v1/retention/deadlines",
                        "/api/v1/retention/deadlines/summary", "/api/v1/retention/overdue",
                        "/api/v1/retention/erasures/*")
                .hasAnyRole(roles(Role.DPO, Role.ADMIN, Role.SUPPORT));
    }
}
