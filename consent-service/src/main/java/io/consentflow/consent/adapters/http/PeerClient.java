package io.consentflow.consent.adapters.http;

import io.consentflow.consent.app.ErasureOutcome;
import io.consentflow.consent.app.PeerData;
import io.consentflow.consent.app.PeerServices;
import io.consentflow.consent.app.PeerStatus;
import io.consentflow.consent.config.ConsentProperties;
import io.consentflow.platform.staff.StaffAccountabilityFilter;
import io.consentflow.schemas.Services;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Calls the other services for a staff request. The caller's own bearer token is relayed (least privilege: there is
 * no standing service credential, and each peer applies its own role rules to the same person). A peer that is down,
 * slow or refusing never fails the caller's request: it becomes a {@link PeerStatus}. Logs name the peer and the kind
 * of failure only: never the URL (it holds the subjectId), the token or a body.
 */
@Component
public class PeerClient implements PeerServices {

    private static final Logger log = LoggerFactory.getLogger(PeerClient.class);

    private final WebClient web;
    private final ConsentProperties.Peers peers;
    private final AuditPages auditPages;
    private final MeterRegistry meters;

    public PeerClient(WebClient.Builder builder, ConsentProperties properties, MeterRegistry meters) {
        this.peers = properties.peers();
        this.meters = meters;
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, peers.timeout().toMillis());
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .responseTimeout(peers.timeout());
        // the platform caps codecs at 64 KB for request bodies; a subject's audit page or message log may be larger
        // the caller's reason travels with the caller's token: each service records its own part of the access
        this.web = builder.clone().clientConnector(new ReactorClientHttpConnector(http))
                .filter(StaffAccountabilityFilter.relayReason())
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(peers.maxResponseBytes())).build();
        this.auditPages = new AuditPages(this, peers.auditUrl(), peers.auditPageSize(), peers.auditMaxPages());
    }

    /** messaging-gateway's message log of the subject, embedded as-is. */
    @Override
    public Mono<PeerData> messageLog(String subjectId, String bearer) {
        URI uri = uri(peers.gatewayUrl(), "/api/v1/messages", Map.of("subjectId", subjectId));
        return settle(Services.GATEWAY, "export", getJson(uri, bearer).defaultIfEmpty(NullNode.getInstance()));
    }

    /** retention-service's deadlines and erasures of the subject, embedded as-is. */
    @Override
    public Mono<PeerData> retentionDeadlines(String subjectId, String bearer) {
        URI uri = uri(peers.retentionUrl(), "/api/v1/retention/deadlines", Map.of("subjectId", subjectId));
        return settle(Services.RETENTION, "export", getJson(uri, bearer).defaultIfEmpty(NullNode.getInstance()));
    }

    /** Every audit entry of the subject, all pages followed. */
    @Override
    public Mono<PeerData> auditEntries(String subjectId, String bearer) {
        return settle(Services.AUDIT, "export", auditPages.all(subjectId, bearer));
    }

    /** audit-service's chain data of the subject for a proof bundle: entries, chain segments, checkpoints. */
    @Override
    public Mono<PeerData> evidenceChain(String subjectId, String bearer) {
        URI uri = UriComponentsBuilder.fromUriString(peers.auditUrl())
                .pathSegment("api", "v1", "audit", "subjects", subjectId, "evidence-chain").build().encode().toUri();
        return settle(Services.AUDIT, "proof", getJson(uri, bearer));
    }

    /** audit-service's checkpoint keys (a public endpoint; the caller's token is sent all the same). */
    @Override
    public Mono<PeerData> auditKeys(String bearer) {
        return settle(Services.AUDIT, "proof", getJson(uri(peers.auditUrl(), "/api/v1/audit/checkpoints/key",
                Map.of()), bearer));
    }

    /** Art. 17 through retention-service: it owns the erasure, its deadline and the receipts of every service. */
    @Override
    public Mono<ErasureOutcome> requestErasure(String subjectId, String bearer) {
        URI uri = uri(peers.retentionUrl(), "/api/v1/retention/erasures", Map.of());
        Mono<ErasureOutcome> call = web.post().uri(uri).headers(h -> h.setBearerAuth(bearer))
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subjectId", subjectId)).retrieve().bodyToMono(JsonNode.class)
                .timeout(peers.timeout())
                .flatMap(body -> {
                    JsonNode id = body.path("erasureId");
                    if (!id.isString() || id.stringValue().isBlank()) {
                        return Mono.error(new IllegalStateException("answer without an erasureId"));
                    }
                    JsonNode status = body.path("status");
                    String location = UriComponentsBuilder.fromUriString(peers.retentionUrl())
                            .pathSegment("api", "v1", "retention", "erasures", id.stringValue()).build().encode()
                            .toUriString();
                    return Mono.just(new ErasureOutcome(PeerStatus.OK, id.stringValue(),
                            status.isString() ? status.stringValue() : null, location));
                })
                .doOnNext(outcome -> count(Services.RETENTION, "erasure", PeerStatus.OK));
        return call.switchIfEmpty(Mono.error(() -> new IllegalStateException("empty answer")))
                .onErrorResume(error -> {
                    PeerStatus status = classify(Services.RETENTION, "erasure", error);
                    return Mono.just(new ErasureOutcome(status, null, null, null));
                });
    }

    Mono<JsonNode> getJson(URI uri, String bearer) {
        return web.get().uri(uri).headers(h -> h.setBearerAuth(bearer)).accept(MediaType.APPLICATION_JSON)
                .retrieve().bodyToMono(JsonNode.class).timeout(peers.timeout());
    }

    static URI uri(String base, String path, Map<String, ?> query) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(base).path(path);
        query.forEach((name, value) -> builder.queryParam(name, value));
        return builder.build().encode().toUri();
    }

    private Mono<PeerData> settle(String peer, String operation, Mono<JsonNode> call) {
        return call.map(body -> new PeerData(PeerStatus.OK, body))
                .doOnNext(data -> count(peer, operation, PeerStatus.OK))
                .onErrorResume(error -> Mono.just(PeerData.failed(classify(peer, operation, error))));
    }

    private PeerStatus classify(String peer, String operation, Throwable error) {
        PeerStatus status = PeerStatus.UNAVAILABLE;
        String reason = error.getClass().getSimpleName();
        if (error instanceof WebClientResponseException response) {
            int code = response.getStatusCode().value();
            status = code == 401 || code == 403 ? PeerStatus.DENIED : PeerStatus.UNAVAILABLE;
            reason = "HTTP " + code;
        }
        log.warn("{} call to {}: {} ({})", operation, peer, status, reason);
        count(peer, operation, status);
        return status;
    }

    private void count(String peer, String operation, PeerStatus status) {
        meters.counter("consent.peer.calls", "peer", peer, "operation", operation, "status", status.name())
                .increment();
    }
}
