package io.consentflow.platform.web;

import io.consentflow.platform.PlatformProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.server.WebFilter;

@AutoConfiguration
@Import(ProblemDetailsAdvice.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class WebConfiguration {

    /** Client addresses behind the ingress: forwarded headers only from the trusted proxy networks. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    public WebFilter forwardedClientAddress(PlatformProperties platform) {
        return new ForwardedClientAddress(platform.web().trustedProxies());
    }
}
