package io.consentflow.gateway.staff;

import static io.consentflow.platform.security.StaffAccessRules.roles;

import io.consentflow.platform.security.Role;
import io.consentflow.platform.security.StaffAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.stereotype.Component;

/** Who may read message timelines and a subject's message log (DESIGN.md §5). */
@Component
class GatewayAccessRules implements StaffAccessRules {

    @Override
    public void declare(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges.pathMatchers(HttpMethod.GET, "/api/v1/messages/*")
                .hasAnyRole(roles(Role.SUPPORT, Role.DPO, Role.MARKETING, Role.ADMIN))
                // a subject's whole message log (Art. 15 export) is for the DPO and admins only
                .pathMatchers(HttpMethod.GET, "/api/v1/messages").hasAnyRole(roles(Role.DPO, Role.ADMIN));
    }
}
