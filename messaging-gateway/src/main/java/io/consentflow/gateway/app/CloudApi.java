package io.consentflow.gateway.app;

import io.consentflow.gateway.domain.OutboundMessage;
import reactor.core.publisher.Mono;

/** Meta's Cloud API send endpoint (port; called by {@code adapters.http.CloudApiClient}). */
public interface CloudApi {

    Mono<CallResult> send(OutboundMessage message, boolean marketing);

    /** @param guard consulted right before the HTTP request leaves, and again before a retry */
    Mono<CallResult> send(OutboundMessage message, boolean marketing, AttemptGuard guard);

    /** This instance's share of the sender number's rate, messages per second. */
    void rateLimit(int perSecond);
}
