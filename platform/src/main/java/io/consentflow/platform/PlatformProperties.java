package io.consentflow.platform;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every service shares, under {@code consentflow.platform}.
 *
 * @param kafka topic layout of this service: replication of the topics it creates, and which topics it consumes (it
 *              creates their dead-letter topics)
 * @param security public paths (no token) and how staff JWTs are verified
 * @param secretProperties property names holding secrets; the {@code prod} profile refuses to start when one is
 *                         missing or still holds a documented development default
 */
@ConfigurationProperties("consentflow.platform")
public record PlatformProperties(
        @DefaultValue Kafka kafka,
        @DefaultValue Security security,
        @DefaultValue List<String> secretProperties) {

    public record Kafka(@DefaultValue("1") short replicationFactor, @DefaultValue List<String> consumedTopics) {
    }

    public record Security(@DefaultValue List<String> publicPaths, @DefaultValue Jwt jwt) {
    }

    /**
     * @param hmacSecret shared HS256 key (local and test); leave empty in production and set {@code jwkSetUri}
     * @param jwkSetUri  the identity provider's JWK set (RS256/ES256 tokens)
     * @param issuer     required {@code iss} claim
     */
    public record Jwt(String hmacSecret, String jwkSetUri, @DefaultValue("consentflow-local") String issuer) {
    }
}
