package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only the webhook and the opt-in pages are public (TLS); the network allows only the flows
 * docs/architecture.md#network-and-public-surface needs.
 */
class IngressAndNetworkPolicyTests {

    /** path -> backend Service: the public surface of docs/architecture.md#network-and-public-surface, nothing else. */
    private static final Map<String, String> PUBLIC_PATHS = Map.of(
            "/webhooks/whatsapp", "messaging-gateway",
            "/opt-in", "consent-service",
            "/api/v1/opt-ins", "consent-service",
            "/opt-ins/confirm", "consent-service");

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void ingressExposesOnlyTheWebhookAndTheOptInPagesOverTls(String variant) {
        List<Ingress> ingresses = publicIngresses(Manifests.of(variant));
        assertThat(ingresses).as("%s has public Ingresses", variant).isNotEmpty();
        Map<String, String> exposed = new java.util.TreeMap<>();
        for (Ingress ingress : ingresses) {
            assertThat(ingress.getSpec().getDefaultBackend()).as("no default backend").isNull();
            Set<String> tlsHosts = new TreeSet<>();
            ingress.getSpec().getTls().forEach(tls -> {
                assertThat(tls.getSecretName()).isNotBlank();
                tlsHosts.addAll(tls.getHosts());
            });
            for (IngressRule rule : ingress.getSpec().getRules()) {
                assertThat(rule.getHost()).as("every rule has a host").isNotBlank();
                assertThat(tlsHosts).as("TLS covers %s", rule.getHost()).contains(rule.getHost());
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    assertThat(path.getPathType()).as(path.getPath()).isIn("Exact", "Prefix");
                    assertThat(exposed.put(path.getPath(), path.getBackend().getService().getName()))
                            .as("%s is routed by one Ingress only", path.getPath()).isNull();
                }
            }
            assertThat(ingress.getMetadata().getAnnotations()).as(ingress.getMetadata().getName())
                    .containsEntry("nginx.ingress.kubernetes.io/ssl-redirect", "true");
        }
        assertThat(exposed).isEqualTo(PUBLIC_PATHS);
        assertThat(ingresses).as("one Ingress asks cert-manager for the certificate the others share")
                .filteredOn(i -> i.getMetadata().getAnnotations().containsKey("cert-manager.io/cluster-issuer"))
                .hasSize(1);
    }

    /**
     * ingress-nginx limits per Ingress: the webhook carries Meta's status bursts from a few addresses and must not be
     * throttled per source; the opt-in paths are, at most at the old 20 requests/s.
     */
    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void theOptInPathsAreThrottledPerClientAndTheWebhookIsNot(String variant) {
        for (Ingress ingress : publicIngresses(Manifests.of(variant))) {
            Set<String> paths = new TreeSet<>();
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths()
                    .forEach(path -> paths.add(path.getPath())));
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            if (paths.contains("/webhooks/whatsapp")) {
                assertThat(paths).as("%s: the webhook shares its limits with nothing", variant)
                        .containsExactly("/webhooks/whatsapp");
                assertThat(annotations.keySet()).as("%s: no per-source limit on the webhook", variant)
                        .noneMatch(key -> key.startsWith("nginx.ingress.kubernetes.io/limit-"));
            } else {
                assertThat(paths).as("%s: the throttled Ingress routes only the opt-in paths", variant)
                        .allMatch(path -> PUBLIC_PATHS.get(path).equals("consent-service"));
                assertThat(annotations).as("%s: opt-in paths are limited per client address", variant)
                        .containsKey("nginx.ingress.kubernetes.io/limit-rps");
                assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/limit-rps")))
                        .isBetween(1, 20);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void everythingIsDeniedByDefaultInBothDirections(String variant) {
        List<NetworkPolicy> policies = Manifests.of(variant).ofType(NetworkPolicy.class);
        assertThat(policies).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
            assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void onlyTheFlowsOfTheDesignAreAllowed(String variant) {
        Manifests manifests = Manifests.of(variant);
        List<NetworkPolicy> policies = manifests.ofType(NetworkPolicy.class);
        SoftAssertions softly = new SoftAssertions();
        // public traffic: from the ingress controller to exactly the two public services
        Set<String> reachableFromIngressController = new TreeSet<>();
        for (ServiceContract service : ServiceContract.allDeployables()) {
            Map<String, String> labels = podLabels(manifests, service.name());
            if (labels == null) {
                continue;
            }
            for (NetworkPolicy policy : selecting(policies, labels)) {
                for (NetworkPolicyIngressRule rule : nullSafe(policy.getSpec().getIngress())) {
                    softly.assertThat(rule.getFrom()).as("%s %s: ingress needs a source", variant,
                            policy.getMetadata().getName()).isNotEmpty();
                    if (rule.getFrom() != null && rule.getFrom().stream().anyMatch(this::isIngressController)) {
                        reachableFromIngressController.add(service.name());
                    }
                    softly.assertThat(rule.getFrom()).as("%s %s: no ingress from ipBlocks", variant,
                            policy.getMetadata().getName()).noneMatch(peer -> peer.getIpBlock() != null);
                }
                for (NetworkPolicyEgressRule rule : nullSafe(policy.getSpec().getEgress())) {
                    boolean toInternet = rule.getTo() != null && rule.getTo().stream().anyMatch(p -> p.getIpBlock() != null);
                    if (toInternet && IdentityProviderEgressTests.POLICY.equals(policy.getMetadata().getName())) {
                        // checked per service by IdentityProviderEgressTests
                        continue;
                    }
                    if (toInternet) {
                        softly.assertThat(service.name()).as("%s %s: only the gateway leaves the cluster", variant,
                                policy.getMetadata().getName()).isEqualTo("messaging-gateway");
                        softly.assertThat(rule.getPorts()).as("%s gateway egress to the internet is HTTPS only", variant)
                                .singleElement().satisfies(port -> assertThat(port.getPort()).isEqualTo(new IntOrString(443)));
                        rule.getTo().forEach(peer -> softly.assertThat(peer.getIpBlock().getExcept())
                                .as("%s the metadata and private ranges are excluded", variant)
                                .contains("169.254.0.0/16", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"));
                    }
                    softly.assertThat(rule.getPorts()).as("%s %s: egress names its ports", variant,
                            policy.getMetadata().getName()).isNotEmpty();
                }
            }
        }
        softly.assertThat(reachableFromIngressController).as("%s: public services", variant)
                .containsExactlyInAnyOrder("consent-service", "messaging-gateway", "staff-console");
        for (ServiceContract service : ServiceContract.SERVICES) {
            Map<String, String> labels = podLabels(manifests, service.name());
            List<Integer> egressPorts = selecting(policies, labels).stream()
                    .flatMap(policy -> nullSafe(policy.getSpec().getEgress()).stream())
                    .flatMap(rule -> rule.getPorts().stream()).map(port -> port.getPort().getIntVal()).toList();
            softly.assertThat(egressPorts).as("%s %s reaches DNS, Kafka and MongoDB", variant, service.name())
                    .contains(53, 9092, 27017);
        }
        softly.assertAll();
    }

    /** consent-service's Art. 15 export and Art. 17 hand-over call the peers' staff APIs; nobody else does. */
    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "prod"})
    void onlyConsentServiceReachesThePeersStaffApis(String variant) {
        Manifests manifests = Manifests.of(variant);
        List<NetworkPolicy> policies = manifests.ofType(NetworkPolicy.class);
        Map<String, Integer> peers = Map.of("messaging-gateway", 8082, "retention-service", 8083,
                "audit-service", 8084);
        SoftAssertions softly = new SoftAssertions();
        for (ServiceContract caller : ServiceContract.SERVICES) {
            Map<String, String> callerLabels = podLabels(manifests, caller.name());
            peers.forEach((peer, port) -> {
                boolean egress = allowsEgress(policies, callerLabels, podLabels(manifests, peer), port);
                boolean ingress = allowsIngress(policies, podLabels(manifests, peer), callerLabels, port);
                boolean expected = caller.name().equals("consent-service");
                softly.assertThat(egress && ingress).as("%s: %s -> %s:%d", variant, caller.name(), peer, port)
                        .isEqualTo(expected);
            });
        }
        softly.assertAll();
    }

    static boolean allowsEgress(List<NetworkPolicy> policies, Map<String, String> from,
            Map<String, String> to, int port) {
        return selecting(policies, from).stream().flatMap(policy -> nullSafe(policy.getSpec().getEgress()).stream())
                .anyMatch(rule -> hasPort(rule.getPorts(), port) && nullSafe(rule.getTo()).stream()
                        .anyMatch(peer -> podPeerSelects(peer, to)));
    }

    static boolean allowsIngress(List<NetworkPolicy> policies, Map<String, String> to,
            Map<String, String> from, int port) {
        return selecting(policies, to).stream().flatMap(policy -> nullSafe(policy.getSpec().getIngress()).stream())
                .anyMatch(rule -> hasPort(rule.getPorts(), port) && nullSafe(rule.getFrom()).stream()
                        .anyMatch(peer -> podPeerSelects(peer, from)));
    }

    private static boolean hasPort(List<NetworkPolicyPort> ports,
            int port) {
        return nullSafe(ports).stream().anyMatch(p -> p.getPort() != null && p.getPort().getIntVal() != null
                && p.getPort().getIntVal() == port);
    }

    private static boolean podPeerSelects(NetworkPolicyPeer peer, Map<String, String> labels) {
        return peer.getIpBlock() == null && peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                && selects(peer.getPodSelector(), labels);
    }

    private boolean isIngressController(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() != null && peer.getNamespaceSelector().getMatchLabels() != null
                && "ingress-nginx".equals(peer.getNamespaceSelector().getMatchLabels()
                        .get("kubernetes.io/metadata.name"));
    }

    /** The Ingresses of the public host; the staff console's own (staff network only) is checked elsewhere. */
    static List<Ingress> publicIngresses(Manifests manifests) {
        return manifests.ofType(Ingress.class).stream()
                .filter(ingress -> !StaffConsoleDeploymentTests.INGRESS.equals(ingress.getMetadata().getName())).toList();
    }

    static Map<String, String> podLabels(Manifests manifests, String deployment) {
        return manifests.deployment(deployment).map(Deployment::getSpec)
                .map(spec -> spec.getTemplate().getMetadata().getLabels()).orElse(null);
    }

    static List<NetworkPolicy> selecting(List<NetworkPolicy> policies, Map<String, String> podLabels) {
        return policies.stream().filter(policy -> selects(policy.getSpec().getPodSelector(), podLabels)).toList();
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new IllegalStateException("matchExpressions are not evaluated by this test; use matchLabels");
        }
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return labels.entrySet().containsAll(matchLabels.entrySet());
    }

    static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
