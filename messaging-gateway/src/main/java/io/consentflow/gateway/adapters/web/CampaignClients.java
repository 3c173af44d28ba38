package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.app.ApiRequestClaims;
import io.consentflow.platform.security.Role;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Which campaign system a token speaks for: its {@code client_id} claim (RFC 9068), else its subject (a
 * client-credentials token's subject is the client). A caller whose only reading role is CAMPAIGN is scoped to that
 * client: it reads the timelines of the requests its client posted and report figures of those requests only; staff
 * roles read every request.
 */
@Component
public class CampaignClients {

    private static final Set<String> READ_ALL = Set.of("ROLE_" + Role.SUPPORT, "ROLE_" + Role.DPO,
            "ROLE_" + Role.MARKETING, "ROLE_" + Role.ADMIN);

    private final ApiRequestClaims claims;

    CampaignClients(ApiRequestClaims claims) {
        this.claims = claims;
    }

    /**
     * Whether the caller may read this request's timeline: staff roles any, a campaign system those its client
     * posted (while {@code api_send_requests} keeps them). The timeline answers 404 otherwise, as for an unknown
     * requestId, so a client learns nothing of other clients' requests.
     */
    public Mono<Boolean> mayReadRequest(Authentication caller, String requestId) {
        Optional<String> scope = readScope(caller);
        return scope.isEmpty() ? Mono.just(true)
                : claims.ofClient(scope.get(), java.util.List.of(requestId)).map(own -> own.contains(requestId));
    }

    /** The client a token speaks for, or empty when it names none. */
    static Optional<String> client(Authentication caller) {
        if (caller instanceof JwtAuthenticationToken jwt) {
            String clientId = jwt.getToken().getClaimAsString("client_id");
            String client = clientId != null && !clientId.isBlank() ? clientId : jwt.getToken().getSubject();
            return client == null || client.isBlank() ? Optional.empty() : Optional.of(client);
        }
        return Optional.empty();
    }

    /**
     * The client this caller's reads are limited to; empty when a staff role lets it read everything. A CAMPAIGN
     * token that names no client is scoped to a client nobody is.
     */
    static Optional<String> readScope(Authentication caller) {
        boolean readsAll = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(READ_ALL::contains);
        return readsAll ? Optional.empty() : Optional.of(client(caller).orElse(""));
    }
}
