package io.consentflow.console.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the services' staff APIs are, under {@code consentflow.console}. */
@ConfigurationProperties("consentflow.console")
public record ServiceUrls(
        @DefaultValue("http://localhost:8081") String consentUrl,
        @DefaultValue("http://localhost:8082") String gatewayUrl,
        @DefaultValue("http://localhost:8083") String retentionUrl,
        @DefaultValue("http://localhost:8084") String auditUrl) {
}
