package io.consentflow.retention.app;

import io.consentflow.retention.domain.Erasure;
import reactor.core.publisher.Mono;

/** Puts ErasureRequested on retention-commands; completes when the broker acknowledged it. */
public interface ErasurePublisher {

    Mono<Void> publish(Erasure erasure, String eventId);
}
