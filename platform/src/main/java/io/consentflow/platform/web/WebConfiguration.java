package io.consentflow.platform.web;

import io.consentflow.platform.PlatformProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.server.WebFilter;

/**
 * Before Spring Boot's WebFlux configuration: Boot registers its own {@code ProblemDetailsExceptionHandler} (ordered
 * first) unless a {@code ResponseEntityExceptionHandler} already exists when it is configured. Registered after it, the
 * platform's advice lost every framework error (unreadable bodies, 405, 413 of streamed bodies) to Boot's, whose
 * problems carry no field and echo the concrete path, which on staff paths holds a phone number.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration")
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
