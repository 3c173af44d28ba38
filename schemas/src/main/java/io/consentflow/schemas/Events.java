package io.consentflow.schemas;

import java.time.Instant;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads the envelope fields every event carries (docs/architecture.md#events-and-encoding: eventId, occurredAt,
 * producer).
 */
public final class Events {

    private Events() {
    }

    public static String newEventId() {
        return UUID.randomUUID().toString();
    }

    public static String eventId(SpecificRecord event) {
        return (String) field(event, "eventId");
    }

    public static Instant occurredAt(SpecificRecord event) {
        return (Instant) field(event, "occurredAt");
    }

    public static String producer(SpecificRecord event) {
        return (String) field(event, "producer");
    }

    public static String type(SpecificRecord event) {
        return event.getSchema().getName();
    }

    /** The subject the event is about, or null when it names none (e.g. a status update without a known request). */
    public static String subjectId(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField("subjectId");
        return field == null ? null : (String) event.get(field.pos());
    }

    private static Object field(SpecificRecord event, String name) {
        Schema.Field field = event.getSchema().getField(name);
        if (field == null) {
            throw new IllegalArgumentException(event.getSchema().getName() + " has no " + name);
        }
        return event.get(field.pos());
    }
}
