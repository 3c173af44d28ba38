package io.consentflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every service verifies staff tokens against the identity provider's JWK set, so each must reach it over HTTPS
 * (allow-identity-provider-egress), and consent-, retention- and audit-service must reach nothing else outside the
 * cluster. The base names a documentation range, so nothing is open until an overlay names the real provider; the
 * prod overlay does.
 */
class IdentityProviderEgressTests {

    static final String POLICY = "allow-identity-provider-egress";
    private static final String PLACEHOLDER = "192.0.2.0/24";

    static Stream<Arguments> servicesInEachVariant() {
        return Stream.of("base", "dev", "prod").flatMap(variant -> Stream.concat(ServiceContract.SERVICES.stream(),
                Stream.of(ServiceContract.CONSOLE)).map(service -> Arguments.of(variant, service.name())));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("servicesInEachVariant")
    void theServiceReachesTheIdentityProviderOverHttpsAndNoOtherExternalAddress(String variant, String service) {
        Manifests manifests = Manifests.of(variant);
        Map<String, String> pod = manifests.deployment(service).map(Deployment::getSpec)
                .map(spec -> spec.getTemplate().getMetadata().getLabels()).orElseThrow();
        List<NetworkPolicy> selecting = IngressAndNetworkPolicyTests.selecting(
                manifests.ofType(NetworkPolicy.class), pod);

        NetworkPolicy identityProvider = selecting.stream().filter(p -> POLICY.equals(p.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new AssertionError(variant + ": " + POLICY + " does not select "
                        + service));
        assertThat(identityProvider.getSpec().getPolicyTypes()).containsExactly("Egress");
        assertThat(identityProvider.getSpec().getEgress()).as("%s %s", variant, service).isNotEmpty()
                .allSatisfy(rule -> {
                    assertThat(rule.getPorts()).as("HTTPS only").isNotEmpty().allSatisfy(port -> {
                        assertThat(port.getProtocol()).isEqualTo("TCP");
                        assertThat(port.getPort()).isIn(new IntOrString(443), new IntOrString(8443));
                    });
                    assertThat(rule.getTo()).isNotEmpty().allSatisfy(IdentityProviderEgressTests::isNarrow);
                });

        List<NetworkPolicyPeer> otherExternal = selecting.stream()
                .filter(p -> !POLICY.equals(p.getMetadata().getName()))
                .flatMap(p -> nullSafe(p.getSpec().getEgress()).stream())
                .flatMap(rule -> nullSafe(rule.getTo()).stream())
                .filter(peer -> peer.getIpBlock() != null).toList();
        if (service.equals("messaging-gateway")) {
            assertThat(otherExternal).as("%s: the gateway also reaches Meta's Cloud API", variant).isNotEmpty();
        } else {
            assertThat(otherExternal).as("%s %s leaves the cluster only for the identity provider", variant, service)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = "prod")
    void productionNamesTheRealIdentityProvider(String variant) {
        NetworkPolicy policy = Manifests.of(variant).ofType(NetworkPolicy.class).stream()
                .filter(p -> POLICY.equals(p.getMetadata().getName())).findFirst().orElseThrow();
        List<String> ranges = policy.getSpec().getEgress().stream().flatMap(rule -> rule.getTo().stream())
                .filter(peer -> peer.getIpBlock() != null).map(peer -> peer.getIpBlock().getCidr()).toList();
        assertThat(ranges).as("the overlay replaced the documentation range").doesNotContain(PLACEHOLDER);
    }

    /** One provider: a bounded address range (never the whole internet) or an in-cluster selector. */
    private static void isNarrow(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            String cidr = peer.getIpBlock().getCidr();
            int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
            assertThat(prefix).as("%s is one provider's range, not the internet", cidr)
                    .isGreaterThanOrEqualTo(cidr.contains(":") ? 32 : 16);
        } else {
            assertThat(peer.getNamespaceSelector() != null || peer.getPodSelector() != null)
                    .as("an in-cluster provider is selected by namespace or pod").isTrue();
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
