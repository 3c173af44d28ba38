package io.consentflow.platform.secrets;

import io.consentflow.platform.PlatformProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;

/**
 * Under the {@code prod} profile, refuses to start while a secret is missing, blank or a documented development
 * default. It names the property, never the value.
 */
public class ProductionSecretsGuard implements InitializingBean {

    private final Environment environment;
    private final PlatformProperties platform;

    public ProductionSecretsGuard(Environment environment, PlatformProperties platform) {
        this.environment = environment;
        this.platform = platform;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> refused = new ArrayList<>();
        for (String property : secretProperties()) {
            String value = environment.getProperty(property);
            if (value == null || value.isBlank()) {
                refused.add(property + " is not set");
            } else if (DevelopmentSecrets.isDevelopmentDefault(value)) {
                refused.add(property + " holds the local development default");
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("prod profile refuses to start: " + String.join("; ", refused)
                    + ". Provide secrets through environment variables or Kubernetes Secrets.");
        }
    }

    private List<String> secretProperties() {
        List<String> properties = new ArrayList<>(platform.secretProperties());
        String jwkSetUri = environment.getProperty("consentflow.platform.security.jwt.jwk-set-uri");
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            properties.add("consentflow.platform.security.jwt.hmac-secret");
        }
        return properties;
    }
}
