package io.consentflow.consent.domain;

import org.apache.avro.specific.SpecificRecord;

/**
 * An event waiting to be published with the state change that caused it; a null value is a tombstone.
 * {@code traceparent} is the W3C trace context of the request or record that caused the change (ids and a sampling
 * flag, no personal data), null when that was not traced: the relay publishes the event in its trace.
 */
public record OutboxEntry(String eventId, String topic, String key, SpecificRecord value, String traceparent) {

    public OutboxEntry(String eventId, String topic, String key, SpecificRecord value) {
        this(eventId, topic, key, value, null);
    }

    OutboxEntry tracedBy(String traceparent) {
        return new OutboxEntry(eventId, topic, key, value, traceparent);
    }
}
