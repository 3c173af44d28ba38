package io.consentflow.platform.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The client's address behind the ingress. {@code X-Forwarded-For} is believed only when the connection comes from a
 * trusted proxy network ({@code consentflow.platform.web.trusted-proxies}, CONSENTFLOW_TRUSTED_PROXIES): the list is
 * read from the right, trusted hops are skipped, and the first address outside them is the client. From anywhere
 * else the header is a claim anybody can make, so it is ignored and the socket's address stands. Either way the
 * forwarding headers are removed, so nothing further down reads them. Runs before security and every handler; a
 * service that trusts no proxy (the default) sees only socket addresses.
 */
final class ForwardedClientAddress implements WebFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final List<String> FORWARDING_HEADERS = List.of(X_FORWARDED_FOR, "X-Forwarded-Host",
            "X-Forwarded-Port", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Forwarded-Ssl", "X-Real-IP",
            "Forwarded");

    private final List<AddressRange> trustedProxies;

    ForwardedClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().filter(cidr -> !cidr.isBlank()).map(AddressRange::parse)
                .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        InetSocketAddress socket = request.getRemoteAddress();
        InetAddress client = clientAddress(socket == null ? null : socket.getAddress(),
                request.getHeaders().getValuesAsList(X_FORWARDED_FOR));
        InetSocketAddress rewritten = client != null && (socket == null || !client.equals(socket.getAddress()))
                ? new InetSocketAddress(client, 0) : null;
        if (removedInPlace(request)) {
            return chain.filter(rewritten == null ? exchange
                    : exchange.mutate().request(new FromClient(request, rewritten)).build());
        }
        ServerHttpRequest.Builder copy = request.mutate()
                .headers(headers -> FORWARDING_HEADERS.forEach(headers::remove));
        if (rewritten != null) {
            copy.remoteAddress(rewritten);
        }
        return chain.filter(exchange.mutate().request(copy.build()).build());
    }

    /**
     * On Reactor Netty the request's headers are a view of Netty's own, which can be changed: the forwarding headers
     * are removed there, sparing the copy of every header that {@code mutate()} made for each request behind the
     * ingress. False (nothing removed, or the view turned out to be a copy) leaves it to the copying path.
     */
    private static boolean removedInPlace(ServerHttpRequest request) {
        Object wrapped;
        try {
            wrapped = ServerHttpRequestDecorator.getNativeRequest(request);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return false; // a request of another server, or a test's mock, with no native request to reach
        }
        if (!(wrapped instanceof HttpServerRequest netty)) {
            return false;
        }
        FORWARDING_HEADERS.forEach(netty.requestHeaders()::remove);
        for (String name : FORWARDING_HEADERS) {
            if (request.getHeaders().containsHeader(name)) {
                return false;
            }
        }
        return true;
    }

    /** The request with the client's address in place of the proxy's; everything else is the request's own. */
    private static final class FromClient extends ServerHttpRequestDecorator {

        private final InetSocketAddress client;

        FromClient(ServerHttpRequest request, InetSocketAddress client) {
            super(request);
            this.client = client;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return client;
        }
    }

    /**
     * @param peer      the address of the connection's other end
     * @param forwarded the X-Forwarded-For values as received (each may be a comma-separated list)
     * @return the client: the first untrusted address from the right of the list when the peer is a trusted proxy,
     *         else the peer itself
     */
    InetAddress clientAddress(InetAddress peer, List<String> forwarded) {
        if (peer == null || !trusted(peer)) {
            return peer;
        }
        InetAddress client = peer;
        List<String> hops = forwarded.stream().flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::strip).filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = AddressRange.literal(hops.get(i));
            if (hop == null) {
                // garbage in the chain: what is left of it cannot be trusted either
                return client;
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    @Override
    public int getOrder() {
        // before Spring Security's WebFilterChainProxy (-100) and every handler
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
