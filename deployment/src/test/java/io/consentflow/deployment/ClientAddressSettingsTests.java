package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * consent-service limits opt-ins per client address, which it reads from X-Forwarded-For only when the connection
 * comes from the trusted proxy network (CONSENTFLOW_TRUSTED_PROXIES). The setting reaches it from the ConfigMap;
 * production names the ingress controller's network, a bounded range, never "everyone".
 */
class ClientAddressSettingsTests {

    private static final String TRUSTED_PROXIES = "CONSENTFLOW_TRUSTED_PROXIES";

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void consentServiceReadsTheTrustedProxyNetworksFromTheSettings(String variant) {
        Manifests manifests = Manifests.of(variant);
        Deployment consent = manifests.deployment("consent-service").orElseThrow();
        EnvVar variable = consent.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(env -> env.getName().equals(TRUSTED_PROXIES)).findFirst().orElseThrow();
        assertThat(variable.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo("consentflow-settings");
        String value = manifests.configMap("consentflow-settings").getData().get(TRUSTED_PROXIES);
        List<String> networks = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        assertThat(networks).as("%s trusted proxy networks", variant).allSatisfy(cidr -> {
            assertThat(cidr).matches("[0-9a-fA-F:.]+/\\d{1,3}");
            int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
            assertThat(prefix).as("%s is a network, not everyone", cidr).isGreaterThanOrEqualTo(8);
        });
        if (variant.equals("prod")) {
            assertThat(networks).as("production names the ingress controller's network").isNotEmpty();
        }
    }
}
