package io.consentflow.localinfra.send;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/**
 * Where {@code send} finds the platform: the same environment variables run-local.sh exports to the services, with the
 * same local defaults.
 *
 * @param pollInterval pause between two looks at the timeline
 */
record Settings(String bootstrapServers, URI gatewayUrl, String jwtSecret, String jwtIssuer, String jwtAudience,
        Duration pollInterval) {

    static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    static final String DEFAULT_GATEWAY = "http://localhost:8082";
    /** The local gateway decides within a second or two; twice a second shows that without flooding its log. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** Reads the environment; a malformed GATEWAY_URL is refused like a bad argument, before anything is sent. */
    static Settings fromEnvironment(Map<String, String> env) throws SendArguments.Invalid {
        String gateway = orDefault(env, "GATEWAY_URL", DEFAULT_GATEWAY);
        return new Settings(orDefault(env, "KAFKA_BOOTSTRAP_SERVERS", DEFAULT_BOOTSTRAP), httpUri(gateway),
                orDefault(env, "CONSENTFLOW_JWT_SECRET", StaffToken.LOCAL_SECRET),
                // the services check iss against CONSENTFLOW_JWT_ISSUER, so a changed issuer must reach the token too
                orDefault(env, "CONSENTFLOW_JWT_ISSUER", StaffToken.LOCAL_ISSUER),
                orDefault(env, "CONSENTFLOW_JWT_AUDIENCE", StaffToken.LOCAL_AUDIENCE), POLL_INTERVAL);
    }

    Settings withPollInterval(Duration interval) {
        return new Settings(bootstrapServers, gatewayUrl, jwtSecret, jwtIssuer, jwtAudience, interval);
    }

    private static String orDefault(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static URI httpUri(String text) throws SendArguments.Invalid {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below like any other unusable value
        }
        throw new SendArguments.Invalid("GATEWAY_URL " + SendArguments.quoted(text)
                + " is not an http(s) URL such as " + DEFAULT_GATEWAY);
    }
}
