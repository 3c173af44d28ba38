package io.consentflow.consent.domain;

/**
 * An event waiting in the subject's document to be published, as it will go on its topic: the Avro bytes
 * ({@code value}, null for a tombstone) with its topic and key, encoded when the change that queued it was applied
 * (the app's {@code EventEncoder}), so the state and its events are written together. {@code sealed} marks an entry
 * that carries the number: encrypted at rest and dropped when the subject is erased. {@code traceparent} is the W3C
 * trace context of the request or record that caused the change (ids and a sampling flag, no personal data), null
 * when that was not traced: the relay publishes the event in its trace.
 */
public record OutboxEntry(String eventId, String topic, String key, byte[] value, boolean sealed,
        String traceparent) {
}
