package io.consentflow.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Staff access tokens from the suite's identity provider, one role each, as {@code ./run-local.sh token ROLE} gets
 * them (its command-line client, client credentials, the role as scope); kept for half of their hour.
 */
final class StaffTokens {

    /** The command-line client of local-auth-server (client credentials, one role as scope). */
    private static final String TOKEN_CLIENT = "local-cli:local-cli-secret";
    private static final Duration KEPT_FOR = Duration.ofMinutes(30);

    private final ServiceProcess authServer;
    private final Map<String, Kept> byRole = new ConcurrentHashMap<>();

    StaffTokens(ServiceProcess authServer) {
        this.authServer = authServer;
    }

    String token(String role) {
        Kept kept = byRole.get(role);
        if (kept != null && kept.until() > System.currentTimeMillis()) {
            return kept.token();
        }
        var request = HttpRequest.newBuilder(URI.create(authServer.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        TOKEN_CLIENT.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + role))
                .build();
        Http.Response answer = Http.send(request);
        if (answer.status() != 200) {
            throw new IllegalStateException("no token for " + role + ": " + answer.status() + " " + answer.body());
        }
        String token = answer.json().path("access_token").asString();
        byRole.put(role, new Kept(token, System.currentTimeMillis() + KEPT_FOR.toMillis()));
        return token;
    }

    private record Kept(String token, long until) {
    }
}
