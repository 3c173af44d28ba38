package io.consentflow.consent.app;

import io.consentflow.events.SubjectErased;

/**
 * Port: publishes the receipt owed for a subject that was already gone (no document, so no outbox to carry it).
 * Implemented by {@code adapters.kafka.KafkaErasureReceipts}.
 */
public interface ErasureReceipts {

    /** Publishes and waits for the broker's acknowledgement. */
    void publish(SubjectErased receipt) throws Exception;
}
