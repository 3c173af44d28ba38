package io.consentflow.platform.secrets;

import io.consentflow.platform.PlatformProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

@AutoConfiguration
@EnableConfigurationProperties(PlatformProperties.class)
public class SecretsConfiguration {

    @Bean
    @Profile("prod")
    public ProductionSecretsGuard productionSecretsGuard(Environment environment, PlatformProperties platform) {
        return new ProductionSecretsGuard(environment, platform);
    }
}
