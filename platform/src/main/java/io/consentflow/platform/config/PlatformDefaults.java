package io.consentflow.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code consentflow-platform-defaults.yml} with the lowest precedence, so every service gets the same
 * environment-variable names (KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI, ...), actuator probes and JSON logs without
 * repeating them, and each service's own application.yml still wins.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "consentflow-platform-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader().load("consentflowPlatformDefaults", new ClassPathResource(RESOURCE))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
