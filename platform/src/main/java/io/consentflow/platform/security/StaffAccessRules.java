package io.consentflow.platform.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * A service declares which roles may call each of its staff endpoints. Anything not declared public or here is
 * denied: 401 without a token, 403 with a valid token that lacks the role.
 */
@FunctionalInterface
public interface StaffAccessRules {

    void declare(ServerHttpSecurity.AuthorizeExchangeSpec exchanges);

    /** Role names as {@code hasAnyRole} expects them. */
    static String[] roles(Role... roles) {
        return java.util.Arrays.stream(roles).map(Role::name).toArray(String[]::new);
    }
}
