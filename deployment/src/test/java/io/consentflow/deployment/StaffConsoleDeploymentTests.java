package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The staff console deployed (k8s/base/staff-console.yaml, compose profile "console"): its client id and secret
 * from a Secret, probes, and in the cluster it reaches the four services' staff ports and the identity provider only
 * (no Kafka, no MongoDB), while only the ingress controller reaches it.
 */
class StaffConsoleDeploymentTests {

    private static final Map<String, Integer> STAFF_APIS = Map.of("consent-service", 8081, "messaging-gateway", 8082,
            "retention-service", 8083, "audit-service", 8084);

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void theConsoleReachesTheFourStaffApisAndNothingElseInTheCluster(String variant) {
        Manifests manifests = Manifests.of(variant);
        List<NetworkPolicy> policies = manifests.ofType(NetworkPolicy.class);
        Map<String, String> console = IngressAndNetworkPolicyTests.podLabels(manifests, "staff-console");
        assertThat(console).as("%s deploys the console", variant).isNotNull();

        STAFF_APIS.forEach((service, port) -> {
            Map<String, String> target = IngressAndNetworkPolicyTests.podLabels(manifests, service);
            assertThat(IngressAndNetworkPolicyTests.allowsEgress(policies, console, target, port)
                    && IngressAndNetworkPolicyTests.allowsIngress(policies, target, console, port))
                    .as("%s: staff-console -> %s:%d", variant, service, port).isTrue();
        });
        Set<Integer> egressPorts = new TreeSet<>();
        IngressAndNetworkPolicyTests.selecting(policies, console).stream()
                .filter(policy -> !IdentityProviderEgressTests.POLICY.equals(policy.getMetadata().getName()))
                .flatMap(policy -> IngressAndNetworkPolicyTests.nullSafe(policy.getSpec().getEgress()).stream())
                .flatMap(rule -> rule.getPorts().stream()).forEach(port -> egressPorts.add(port.getPort().getIntVal()));
        assertThat(egressPorts).as("%s: DNS and the staff APIs only (the provider: its own policy)", variant)
                .containsExactlyInAnyOrder(53, 8081, 8082, 8083, 8084);

        Set<Integer> ingressPorts = new TreeSet<>();
        IngressAndNetworkPolicyTests.selecting(policies, console).stream()
                .flatMap(policy -> IngressAndNetworkPolicyTests.nullSafe(policy.getSpec().getIngress()).stream())
                .forEach(rule -> {
                    assertThat(rule.getFrom()).as("%s: only the ingress controller reaches the console", variant)
                            .allSatisfy(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                                    .containsEntry("kubernetes.io/metadata.name", "ingress-nginx"));
                    rule.getPorts().forEach(port -> ingressPorts.add(port.getPort().getIntVal()));
                });
        assertThat(ingressPorts).as("%s console ingress", variant).containsExactly(8085);
        // and no Kafka or MongoDB: the backend's egress policy does not select it
        assertThat(IngressAndNetworkPolicyTests.selecting(policies, console))
                .extracting(policy -> policy.getMetadata().getName()).doesNotContain("allow-backend-egress");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void clientIdAndSecretComeFromASecretAndTheProbesWatchHealth(String variant) {
        Deployment deployment = Manifests.of(variant).deployment("staff-console").orElseThrow();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (String variable : List.of("CONSENTFLOW_CONSOLE_CLIENT_ID", "CONSENTFLOW_CONSOLE_CLIENT_SECRET")) {
            EnvVar env = container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst()
                    .orElseThrow(() -> new AssertionError(variant + " console lacks " + variable));
            assertThat(env.getValue()).as(variable).isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).as(variable).isEqualTo("staff-console-secrets");
        }
        assertThat(container.getEnv()).extracting(EnvVar::getName)
                .contains("CONSENTFLOW_AUTH_ISSUER", "CONSENT_URL", "GATEWAY_URL", "RETENTION_URL", "AUDIT_URL");
        assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
        assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
        assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void composeRunsTheConsoleWithTheLocalIdentityProviderUnderOneIssuer() {
        for (String name : List.of("staff-console", "local-auth-server")) {
            assertThat(ComposeFile.service(name).get("profiles")).as(name).isEqualTo(List.of("console"));
            assertThat(ComposeFile.buildArguments(name)).as(name).containsEntry("SERVICE", name);
        }
        Map<String, String> console = ComposeFile.environment("staff-console");
        Map<String, String> provider = ComposeFile.environment("local-auth-server");
        assertThat(console.get("CONSENTFLOW_AUTH_ISSUER")).isEqualTo(provider.get("CONSENTFLOW_AUTH_ISSUER"));
        assertThat(console.get("CONSENTFLOW_CONSOLE_CLIENT_SECRET"))
                .isEqualTo(provider.get("CONSENTFLOW_CONSOLE_CLIENT_SECRET"))
                .isEqualTo("${CONSENTFLOW_CONSOLE_CLIENT_SECRET:?run deployment/compose/init-env.sh}");
        for (String service : STAFF_APIS.keySet()) {
            assertThat(console).containsValue("http://" + service + ":" + STAFF_APIS.get(service));
            // the services may verify the provider's tokens (empty: HS256 as before)
            assertThat(ComposeFile.environment(service)).containsEntry("CONSENTFLOW_JWT_JWK_SET_URI",
                    "${CONSENTFLOW_JWT_JWK_SET_URI:-}");
        }
    }
}
