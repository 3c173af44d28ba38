package io.consentflow.gateway.bench;

import io.consentflow.gateway.support.StubCloudApi;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * The yardstick: the same WebClient on reactor-netty, 256 requests in flight, posting a template message to the same
 * stub and reading its answer, with nothing else around it: no topic, no gate, no database.
 */
final class BareLoop {

    private static final int IN_FLIGHT = 256;
    private final WebClient web;
    private final JsonMapper json = JsonMapper.builder().build();

    BareLoop(StubCloudApi stub) {
        this.web = WebClient.builder().baseUrl(stub.baseUrl()).clientConnector(new ReactorClientHttpConnector(
                HttpClient.create(ConnectionProvider.builder("bare").maxConnections(IN_FLIGHT)
                        .pendingAcquireMaxCount(-1).build()))).build();
    }

    /** Sends {@code count} messages; returns the seconds it took. */
    double run(int count) {
        long start = System.nanoTime();
        Flux.range(0, count).flatMap(i -> web.post().uri("/v23.0/100000000000001/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("messaging_product", "whatsapp", "recipient_type", "individual",
                        "to", "4915" + (100_000_000 + i), "type", "template",
                        "template", Map.of("name", "offer", "language", Map.of("policy", "deterministic", "code", "de"))))
                .retrieve().bodyToMono(String.class).map(json::readTree), IN_FLIGHT).then().block();
        return (System.nanoTime() - start) / 1e9;
    }
}
