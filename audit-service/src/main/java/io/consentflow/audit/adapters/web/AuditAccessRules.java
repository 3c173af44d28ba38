package io.consentflow.audit.adapters.web;

import static io.consentflow.platform.security.StaffAccessRules.roles;

import io.consentflow.platform.security.Role;
import io.consentflow.platform.security.StaffAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.stereotype.Component;

/**
 * Who may read the compliance log. Entries, exports and proofs describe what happened to (pseudonymous) subjects:
 * DPO and ADMIN only. SUPPORT may check that the log is intact and see the checkpoints (no subject data in either).
 * The checkpoint public key is public (consentflow.platform.security.public-paths).
 */
@Component
class AuditAccessRules implements StaffAccessRules {

    @Override
    public void declare(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges
                .pathMatchers(HttpMethod.GET, "/api/v1/audit/verify", "/api/v1/audit/checkpoints", "/api/v1/audit/anchoring")
                .hasAnyRole(roles(Role.DPO, Role.SUPPORT, Role.ADMIN))
                .pathMatchers(HttpMethod.GET, "/api/v1/audit/entries", "/api/v1/audit/entries.csv",
                        "/api/v1/audit/subjects/*/proof", "/api/v1/audit/erasures/*/certificate",
                        "/api/v1/audit/subjects/*/evidence-chain")
                .hasAnyRole(roles(Role.DPO, Role.ADMIN));
    }
}
