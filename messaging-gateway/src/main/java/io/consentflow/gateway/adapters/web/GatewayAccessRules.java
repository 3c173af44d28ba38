package io.consentflow.gateway.adapters.web;

import static io.consentflow.platform.security.StaffAccessRules.roles;

import io.consentflow.platform.security.Role;
import io.consentflow.platform.security.StaffAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.stereotype.Component;

/**
 * Who may send through the REST API (campaign systems only), who may read message timelines, a subject's message
 * log, a contact's consent as the gate sees it, the template catalog, and campaign reports.
 */
@Component
class GatewayAccessRules implements StaffAccessRules {

    @Override
    public void declare(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges.pathMatchers(HttpMethod.GET, "/api/v1/messages/*")
                .hasAnyRole(roles(Role.SUPPORT, Role.DPO, Role.MARKETING, Role.ADMIN, Role.CAMPAIGN))
                // campaign systems (client-credentials tokens) send through the REST API; no person does
                .pathMatchers(HttpMethod.POST, "/api/v1/send-requests", "/api/v1/campaigns/*/send-requests",
                        "/api/v1/campaigns/*/dry-run")
                .hasAnyRole(roles(Role.CAMPAIGN))
                // a campaign's counts, no personal data: the campaign system, the marketing team, and whoever
                // supports or oversees campaigns (the staff console's compliance report)
                .pathMatchers(HttpMethod.GET, "/api/v1/campaigns/*/report", "/api/v1/campaigns/*/report.csv")
                .hasAnyRole(roles(Role.CAMPAIGN, Role.MARKETING, Role.SUPPORT, Role.DPO, Role.ADMIN))
                // a subject's whole message log (Art. 15 export) is for the DPO and admins only
                .pathMatchers(HttpMethod.GET, "/api/v1/messages").hasAnyRole(roles(Role.DPO, Role.ADMIN))
                // what the gate judges a contact by: support answers "why was this blocked?"
                .pathMatchers(HttpMethod.GET, "/api/v1/contacts/*/consent")
                .hasAnyRole(roles(Role.SUPPORT, Role.DPO, Role.ADMIN))
                // the template catalog the gate judges by; marketing refreshes it after Meta approved a template
                .pathMatchers(HttpMethod.GET, "/api/v1/templates")
                .hasAnyRole(roles(Role.SUPPORT, Role.MARKETING, Role.ADMIN))
                .pathMatchers(HttpMethod.POST, "/api/v1/templates/refresh")
                .hasAnyRole(roles(Role.MARKETING, Role.ADMIN));
    }
}
