package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
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

    static final String INGRESS = "staff-console";
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

        // no pod of the namespace reaches the console: the ingress controller on 8085, Prometheus (monitoring)
        Set<String> sources = new TreeSet<>();
        IngressAndNetworkPolicyTests.selecting(policies, console).stream()
                .flatMap(policy -> IngressAndNetworkPolicyTests.nullSafe(policy.getSpec().getIngress()).stream())
                .forEach(rule -> rule.getFrom().forEach(peer -> {
                    assertThat(peer.getNamespaceSelector()).as("%s: a peer from another namespace", variant)
                            .isNotNull();
                    String namespace = peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
                    sources.add(namespace);
                    if (rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == 8085)) {
                        assertThat(namespace).as("%s: the console's port", variant).isEqualTo("ingress-nginx");
                    }
                }));
        assertThat(sources).as("%s console ingress sources", variant)
                .containsExactlyInAnyOrder("ingress-nginx", "monitoring");
        // and no Kafka or MongoDB: the backend's egress policy does not select it
        assertThat(IngressAndNetworkPolicyTests.selecting(policies, console))
                .extracting(policy -> policy.getMetadata().getName()).doesNotContain("allow-backend-egress");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void theConsoleHasAnIngressOfItsOwnForTheStaffNetworkOnly(String variant) {
        Ingress ingress = Manifests.of(variant).ofType(Ingress.class).stream()
                .filter(i -> INGRESS.equals(i.getMetadata().getName())).findFirst().orElseThrow();
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/ssl-redirect", "true")
                .containsKey("nginx.ingress.kubernetes.io/whitelist-source-range")
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie");
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(ingress.getSpec().getTls()).singleElement()
                    .satisfies(tls -> assertThat(tls.getHosts()).containsExactly(rule.getHost()));
            assertThat(rule.getHttp().getPaths()).allSatisfy(path -> assertThat(path.getBackend().getService()
                    .getName()).isEqualTo("staff-console"));
        });
        Set<String> publicHosts = new TreeSet<>();
        IngressAndNetworkPolicyTests.publicIngresses(Manifests.of(variant))
                .forEach(i -> i.getSpec().getRules().forEach(rule -> publicHosts.add(rule.getHost())));
        assertThat(publicHosts).as("%s: the console is not on the public host", variant)
                .doesNotContain(ingress.getSpec().getRules().get(0).getHost());
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
