package io.consentflow.simulator.webhook;

import io.consentflow.simulator.SimulatorProperties;
import io.consentflow.simulator.control.DeliveryLog;
import io.consentflow.simulator.control.Faults;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs signed webhooks to the configured receiver. Callers subscribe and never wait on the API path; a delivery
 * is retried with exponential back-off on non-2xx answers and connection failures, at most
 * simulator.webhook.max-attempts times, and the number of deliveries in flight is capped so a dead receiver
 * cannot exhaust memory. What the user does (messages, taps, marketing preferences) travels in its own lane, with
 * its own connections and cap: at Meta a business's flood of delivery statuses does not hold back a customer's STOP,
 * and here it must not either.
 */
@Component
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int HISTORY = 200;
    /** The kind of status webhooks; every other kind is a user action and travels in the user lane. */
    public static final String STATUS = "status";

    private final SimulatorProperties properties;
    private final WebhookSigner signer;
    private final JsonMapper json;
    private final Faults faults;
    private final MeterRegistry meters;
    private final Lane statuses;
    private final Lane userActions;
    private final Deque<WebhookDelivery> history = new ArrayDeque<>();
    private final DeliveryLog deliveries;

    public WebhookDispatcher(SimulatorProperties properties, WebhookSigner signer, JsonMapper json, Faults faults,
            MeterRegistry meters, DeliveryLog deliveries) {
        this.deliveries = deliveries;
        this.properties = properties;
        this.signer = signer;
        this.json = json;
        this.faults = faults;
        this.meters = meters;
        this.statuses = Lane.create("statuses", properties.webhook(), meters);
        this.userActions = Lane.create("user-actions", properties.webhook(), meters);
    }

    /**
     * A connection pool, an event loop and an in-flight count of its own. The event loop matters as much as the
     * pool: on the loops the Cloud API server shares by default, a STOP's webhook waited behind a thousand send
     * requests a second.
     */
    private record Lane(WebClient client, ConnectionProvider connections, LoopResources loop, AtomicInteger inFlight) {

        static Lane create(String name, SimulatorProperties.WebhookDelivery cfg, MeterRegistry meters) {
            ConnectionProvider connections = WebhookDispatcher.connections(name, cfg);
            LoopResources loop = LoopResources.create("simulator-webhooks-" + name, 1, true);
            Lane lane = new Lane(WebClient.builder().clientConnector(new ReactorClientHttpConnector(
                    HttpClient.create(connections).runOn(loop))).build(), connections, loop, new AtomicInteger());
            meters.gauge("simulator.webhooks.in.flight", List.of(io.micrometer.core.instrument.Tag.of("lane", name)),
                    lane.inFlight());
            return lane;
        }

        void close() {
            connections.disposeLater().then(loop.disposeLater()).block(Duration.ofSeconds(10));
        }
    }

    @PreDestroy
    void close() {
        statuses.close();
        userActions.close();
    }

    private Lane lane(String kind) {
        return STATUS.equals(kind) ? statuses : userActions;
    }

    /**
     * Deliveries are already bounded by max-in-flight; the default pool (16 connections, a pending queue of 2× that)
     * made a burst of status webhooks fail at the pool long before the receiver was slow, and an inbound STOP queued
     * behind them was lost with them.
     */
    private static ConnectionProvider connections(String lane, SimulatorProperties.WebhookDelivery cfg) {
        return ConnectionProvider.builder("simulator-webhooks-" + lane).maxConnections(cfg.maxConnections())
                .pendingAcquireMaxCount(-1).pendingAcquireTimeout(cfg.maxBackoff().multipliedBy(2)).build();
    }

    /** Delivers one payload; completes with true once the receiver answered 2xx, false when it gave up. */
    public Mono<Boolean> deliver(String kind, String reference, Map<String, Object> payload) {
        return deliverRaw(kind, reference, json.writeValueAsBytes(payload));
    }

    /** Delivers these exact bytes (signed as they are); every attempt sends them unchanged. */
    public Mono<Boolean> deliverRaw(String kind, String reference, byte[] body) {
        if (faults.current().webhookFailure()) {
            return Mono.fromSupplier(() -> record(kind, reference, 0, false, "webhookFailure fault injected"));
        }
        if (lane(kind).inFlight().get() >= properties.webhook().maxInFlight()) {
            return Mono.fromSupplier(() -> record(kind, reference, 0, false, "too many deliveries in flight"));
        }
        Mono<Boolean> once = send(kind, reference, body);
        return faults.current().duplicateWebhooks() ? once.then(send(kind, reference, body)) : once;
    }

    private Mono<Boolean> send(String kind, String reference, byte[] body) {
        // The signature covers these exact bytes; they are sent unchanged so the receiver can verify them.
        String signature = signer.sign(body);
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<String> lastError = new AtomicReference<>();
        SimulatorProperties.WebhookDelivery cfg = properties.webhook();
        Lane lane = lane(kind);
        return Mono.defer(() -> {
                    attempts.incrementAndGet();
                    return lane.client().post().uri(properties.webhookUrl())
                            .contentType(MediaType.APPLICATION_JSON)
                            .header(WebhookSigner.HEADER, signature)
                            .bodyValue(body)
                            .retrieve()
                            .toBodilessEntity()
                            .timeout(cfg.timeout())
                            .doOnError(e -> lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage()));
                })
                .retryWhen(Retry.backoff(Math.max(0, cfg.maxAttempts() - 1), cfg.initialBackoff())
                        .maxBackoff(cfg.maxBackoff()))
                .map(ok -> record(kind, reference, attempts.get(), true, null))
                .onErrorResume(e -> Mono.just(record(kind, reference, attempts.get(), false, lastError.get())))
                .doOnSubscribe(s -> lane.inFlight().incrementAndGet())
                .doFinally(s -> lane.inFlight().decrementAndGet());
    }

    private boolean record(String kind, String reference, int attempts, boolean delivered, String error) {
        if (delivered && !STATUS.equals(kind)) {
            deliveries.acknowledged(kind, reference, System.currentTimeMillis());
        }
        meters.counter("simulator.webhooks", "kind", kind, "outcome", delivered ? "delivered" : "failed")
                .increment();
        if (!delivered) {
            log.warn("webhook {} for {} not delivered after {} attempts: {}", kind, reference, attempts, error);
        }
        synchronized (history) {
            history.addFirst(new WebhookDelivery(Instant.now(), kind, reference, attempts, delivered, error));
            while (history.size() > HISTORY) {
                history.removeLast();
            }
        }
        return delivered;
    }

    /** The latest deliveries, newest first. */
    public List<WebhookDelivery> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    public void clearHistory() {
        synchronized (history) {
            history.clear();
        }
    }
}
