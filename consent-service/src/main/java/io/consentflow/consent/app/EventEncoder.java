package io.consentflow.consent.app;

import io.consentflow.consent.domain.DomainEvent;
import io.consentflow.consent.domain.OutboxEntry;

/**
 * Port: encodes a domain event as it will go on its topic (topic, key, Avro bytes), so the outbox written in the
 * subject's document holds exactly what the relay publishes. Implemented by {@code adapters.kafka.AvroEventEncoder}.
 */
public interface EventEncoder {

    /** The outbox entry for {@code event}, published in the trace {@code traceparent} (null: untraced). */
    OutboxEntry encode(DomainEvent event, String traceparent);
}
