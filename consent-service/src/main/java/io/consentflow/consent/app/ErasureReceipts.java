package io.consentflow.consent.app;

import io.consentflow.consent.domain.DomainEvent.SubjectErased;
import reactor.core.publisher.Mono;

/**
 * Port: publishes the receipt owed for a subject that was already gone (no document, so no outbox to carry it).
 * Implemented by {@code adapters.kafka.KafkaErasureReceipts}.
 */
public interface ErasureReceipts {

    /** Publishes; completes once the broker acknowledged it. */
    Mono<Void> publish(SubjectErased receipt);
}
