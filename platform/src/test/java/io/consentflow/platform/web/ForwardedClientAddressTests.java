package io.consentflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** Whose X-Forwarded-For is believed, and which hop of it is the client. */
class ForwardedClientAddressTests {

    private final ForwardedClientAddress ingressInPodNetwork = new ForwardedClientAddress(List.of("10.0.0.0/8",
            "fd00::/8"));

    @Test
    void fromTheIngressTheFirstUntrustedHopFromTheRightIsTheClient() {
        assertThat(ingressInPodNetwork.clientAddress(ip("10.1.2.3"), List.of("203.0.113.7")))
                .isEqualTo(ip("203.0.113.7"));
        // a client that sends its own X-Forwarded-For: the ingress appends the real address, which wins
        assertThat(ingressInPodNetwork.clientAddress(ip("10.1.2.3"), List.of("198.51.100.1, 203.0.113.7")))
                .isEqualTo(ip("203.0.113.7"));
        // two trusted hops (a load balancer in the pod network in front of the ingress)
        assertThat(ingressInPodNetwork.clientAddress(ip("10.1.2.3"), List.of("203.0.113.7", "10.9.9.9")))
                .isEqualTo(ip("203.0.113.7"));
        assertThat(ingressInPodNetwork.clientAddress(ip("fd00::1"), List.of("2001:db8::5")))
                .isEqualTo(ip("2001:db8::5"));
    }

    @Test
    void fromAnywhereElseTheHeaderIsIgnored() {
        assertThat(ingressInPodNetwork.clientAddress(ip("192.0.2.50"), List.of("203.0.113.7")))
                .isEqualTo(ip("192.0.2.50"));
        assertThat(new ForwardedClientAddress(List.of()).clientAddress(ip("10.1.2.3"), List.of("203.0.113.7")))
                .as("no proxy trusted by default").isEqualTo(ip("10.1.2.3"));
    }

    @Test
    void aHostNameOrGarbageInTheChainStopsTheWalkAndIsNeverLookedUp() {
        assertThat(ingressInPodNetwork.clientAddress(ip("10.1.2.3"), List.of("localhost")))
                .isEqualTo(ip("10.1.2.3"));
        assertThat(ingressInPodNetwork.clientAddress(ip("10.1.2.3"), List.of("203.0.113.7, evil.example, 10.2.2.2")))
                .isEqualTo(ip("10.2.2.2"));
        assertThat(ingressInPodNetwork.clientAddress(ip("10.1.2.3"), List.of())).isEqualTo(ip("10.1.2.3"));
    }

    @Test
    void theFilterSetsTheAddressAndRemovesTheForwardingHeaders() {
        ServerHttpRequest seen = filter(ingressInPodNetwork, "10.1.2.3", "203.0.113.7");
        assertThat(seen.getRemoteAddress().getAddress()).isEqualTo(ip("203.0.113.7"));
        assertThat(seen.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
        assertThat(seen.getHeaders().containsHeader("Forwarded")).isFalse();

        ServerHttpRequest forged = filter(ingressInPodNetwork, "192.0.2.50", "203.0.113.7");
        assertThat(forged.getRemoteAddress().getAddress()).isEqualTo(ip("192.0.2.50"));
        assertThat(forged.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
    }

    @Test
    void aMistypedNetworkStopsTheStart() {
        assertThatThrownBy(() -> new ForwardedClientAddress(List.of("10.0.0.0/33")))
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> new ForwardedClientAddress(List.of("ingress.example"))).hasMessageContaining("CIDR");
    }

    @Test
    void rangesMatchByPrefix() {
        AddressRange range = AddressRange.parse("172.16.0.0/12");
        assertThat(range.contains(ip("172.31.255.255"))).isTrue();
        assertThat(range.contains(ip("172.32.0.0"))).isFalse();
        assertThat(range.contains(ip("2001:db8::1"))).isFalse();
        assertThat(AddressRange.parse("127.0.0.1").contains(ip("127.0.0.1"))).isTrue();
        assertThat(AddressRange.parse("127.0.0.1").contains(ip("127.0.0.2"))).isFalse();
    }

    private static ServerHttpRequest filter(ForwardedClientAddress filter, String peer, String forwardedFor) {
        var request = MockServerHttpRequest.post("/api/v1/opt-ins").remoteAddress(new InetSocketAddress(ip(peer), 4711))
                .header("X-Forwarded-For", forwardedFor).header("Forwarded", "for=198.51.100.9").build();
        AtomicReference<ServerHttpRequest> seen = new AtomicReference<>();
        filter.filter(MockServerWebExchange.from(request), exchange -> {
            seen.set(exchange.getRequest());
            return Mono.empty();
        }).block();
        return seen.get();
    }

    private static InetAddress ip(String literal) {
        return AddressRange.literal(literal);
    }
}
