package io.consentflow.consent.domain;

import org.apache.avro.specific.SpecificRecord;

/** An event waiting to be published with the state change that caused it; a null value is a tombstone. */
public record OutboxEntry(String eventId, String topic, String key, SpecificRecord value) {
}
