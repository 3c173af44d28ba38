package io.consentflow.platform.secrets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.platform.PlatformProperties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionSecretsGuardTests {

    private static final List<String> SECRETS = List.of("consentflow.consent.pepper", "consentflow.consent.master-key");

    @Test
    void refusesDevelopmentDefaultsAndNamesThePropertyButNotTheValue() {
        var environment = new MockEnvironment()
                .withProperty("consentflow.consent.pepper", DevelopmentSecrets.PEPPER)
                .withProperty("consentflow.consent.master-key", "c2VjcmV0LWZyb20tYS1rdWJlcm5ldGVzLXNlY3JldA==")
                .withProperty("consentflow.platform.security.jwt.hmac-secret", "a-real-shared-secret-from-the-vault-01234");

        assertThatThrownBy(() -> guard(environment).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("consentflow.consent.pepper holds the local development default")
                .hasMessageNotContaining(DevelopmentSecrets.PEPPER);
    }

    @Test
    void refusesMissingSecretsAndTheDevelopmentJwtKey() {
        var environment = new MockEnvironment()
                .withProperty("consentflow.consent.pepper", "  ")
                .withProperty("consentflow.platform.security.jwt.hmac-secret", DevelopmentSecrets.JWT_SECRET);

        assertThatThrownBy(() -> guard(environment).afterPropertiesSet())
                .hasMessageContaining("consentflow.consent.pepper is not set")
                .hasMessageContaining("consentflow.consent.master-key is not set")
                .hasMessageContaining("jwt.hmac-secret holds the local development default");
    }

    @Test
    void acceptsRealSecretsAndAJwkSetInsteadOfAnHmacKey() {
        var environment = new MockEnvironment()
                .withProperty("consentflow.consent.pepper", "pepper-from-a-kubernetes-secret-7f3a9")
                .withProperty("consentflow.consent.master-key", "c2VjcmV0LWZyb20tYS1rdWJlcm5ldGVzLXNlY3JldA==")
                .withProperty("consentflow.platform.security.jwt.hmac-secret", DevelopmentSecrets.JWT_SECRET)
                .withProperty("consentflow.platform.security.jwt.jwk-set-uri", "https://idp.example.com/jwks");

        assertThatCode(() -> guard(environment).afterPropertiesSet()).doesNotThrowAnyException();
    }

    private static ProductionSecretsGuard guard(MockEnvironment environment) {
        var platform = new PlatformProperties(new PlatformProperties.Kafka((short) 3, List.of()),
                new PlatformProperties.Security(List.of(), new PlatformProperties.Jwt(null, null, "iss", "aud")),
                new PlatformProperties.Web(List.of()), SECRETS);
        return new ProductionSecretsGuard(environment, platform);
    }
}
