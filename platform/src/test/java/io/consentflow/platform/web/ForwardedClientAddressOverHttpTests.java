package io.consentflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * {@link ForwardedClientAddress} on the server every service runs (Reactor Netty), where it removes the forwarding
 * headers from Netty's own headers instead of copying the request: what the handlers see is the same as on the
 * copying path ({@link ForwardedClientAddressTests}): the client's address, no forwarding header, every other header.
 */
class ForwardedClientAddressOverHttpTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void fromATrustedProxyTheHandlerSeesTheClientAndNoForwardingHeader() {
        Seen seen = request(new ForwardedClientAddress(List.of("127.0.0.0/8")));
        assertThat(seen.address().getAddress().getHostAddress()).isEqualTo("203.0.113.7");
        assertThat(seen.headers().containsHeader("X-Forwarded-For")).isFalse();
        assertThat(seen.headers().containsHeader("Forwarded")).isFalse();
        assertThat(seen.headers().containsHeader("X-Real-IP")).isFalse();
        assertThat(seen.headers().getFirst("User-Agent")).isEqualTo("ForwardedTest/1.0");
        assertThat(seen.headers().getFirst("Referer")).isEqualTo("https://shop.example/");
    }

    @Test
    void fromAnywhereElseTheSocketsAddressStandsAndTheHeadersAreGoneAllTheSame() {
        Seen seen = request(new ForwardedClientAddress(List.of("10.0.0.0/8")));
        assertThat(seen.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(seen.headers().containsHeader("X-Forwarded-For")).isFalse();
        assertThat(seen.headers().containsHeader("Forwarded")).isFalse();
        assertThat(seen.headers().getFirst("User-Agent")).isEqualTo("ForwardedTest/1.0");
    }

    private record Seen(InetSocketAddress address, HttpHeaders headers) {
    }

    private static Seen request(ForwardedClientAddress filter) {
        AtomicReference<Seen> seen = new AtomicReference<>();
        var handler = WebHttpHandlerBuilder.webHandler(exchange -> {
            ServerHttpRequest request = exchange.getRequest();
            seen.set(new Seen(request.getRemoteAddress(), HttpHeaders.copyOf(request.getHeaders())));
            return Mono.empty();
        }).filter(filter).build();
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .handle(new ReactorHttpHandlerAdapter(handler)).bindNow(PATIENCE);
        try {
            Integer status = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port())
                    .headers(h -> h.set("X-Forwarded-For", "198.51.100.1, 203.0.113.7")
                            .set("Forwarded", "for=198.51.100.9").set("X-Real-IP", "198.51.100.9")
                            .set("User-Agent", "ForwardedTest/1.0").set("Referer", "https://shop.example/"))
                    .get().uri("/api/v1/opt-ins").responseSingle((response, body) -> Mono.just(response.status().code()))
                    .block(PATIENCE);
            assertThat(status).isEqualTo(200);
        } finally {
            server.disposeNow();
        }
        return seen.get();
    }
}
