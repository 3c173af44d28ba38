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
 * @param web      which proxies' forwarded client addresses are believed
 * @param secretProperties property names holding secrets; the {@code prod} profile refuses to start when one is
 *                         missing or still holds a documented development default
 */
@ConfigurationProperties("consentflow.platform")
public record PlatformProperties(
        @DefaultValue Kafka kafka,
        @DefaultValue Security security,
        @DefaultValue Web web,
        @DefaultValue List<String> secretProperties) {

    public record Kafka(@DefaultValue("1") short replicationFactor, @DefaultValue List<String> consumedTopics) {
    }

    /**
     * @param trustedProxies networks (CIDR) whose X-Forwarded-For is believed: the ingress controller's pods. Empty
     *                       (the default): no proxy is trusted and every request has its socket's address
     */
    public record Web(@DefaultValue List<String> trustedProxies) {
    }

    public record Security(@DefaultValue List<String> publicPaths, @DefaultValue Jwt jwt) {
    }

    /**
     * @param hmacSecret shared HS256 key (local and test); leave empty in production and set {@code jwkSetUri}
     * @param jwkSetUri  the identity provider's JWK set (RS256/ES256 tokens)
     * @param issuer     required {@code iss} claim
     * @param audience   required {@code aud} claim: the one audience every staff API of the suite shares
     *                   (consent-service relays the caller's token to its peers), so a token the same identity provider
     *                   minted for another application is refused
     */
    public record Jwt(String hmacSecret, String jwkSetUri, @DefaultValue("consentflow-local") String issuer,
            @DefaultValue("consentflow-staff") String audience) {
    }
}
