package io.consentflow.audit.kafka;

import io.consentflow.audit.domain.PersonalDataScrubber;
import io.consentflow.audit.domain.SourceRecord;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Turns a raw record into what gets chained. Decoding happens here, not in the consumer, so that a record that does
 * not decode is still audited (as a digest of its bytes) instead of being skipped. Keys are never read: on
 * {@code send-requests} the key is a phone number.
 */
@Component
class RecordTranslator {

    static final String UNDECODABLE = "Undecodable";
    static final String TOMBSTONE = "Tombstone";
    static final String DEAD_LETTER = "DeadLetter";

    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();
    private final PersonalDataScrubber scrubber;

    RecordTranslator(PersonalDataScrubber scrubber) {
        this.scrubber = scrubber;
    }

    SourceRecord translate(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().endsWith(Topics.DLT_SUFFIX)) {
            return deadLetter(record);
        }
        if (record.value() == null) {
            return new SourceRecord(record.topic(), record.partition(), record.offset(), null, TOMBSTONE, null,
                    null, Map.of());
        }
        SpecificRecord event;
        try {
            event = deserializer.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("valueDigest", scrubber.digest(record.value()));
            payload.put("valueSize", record.value().length);
            payload.put("error", e.getClass().getName());
            return new SourceRecord(record.topic(), record.partition(), record.offset(), null, UNDECODABLE, null,
                    null, payload);
        }
        String type = Events.type(event);
        return new SourceRecord(record.topic(), record.partition(), record.offset(), Events.eventId(event), type,
                Events.subjectId(event), Events.occurredAt(event), scrubber.scrub(type, AvroMaps.toMap(event)));
    }

    /**
     * A dead letter: where it came from and why it failed, plus a digest of its bytes. The exception message may
     * quote the record, so only its digest is kept; the exception class names are code, not data.
     */
    private SourceRecord deadLetter(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("originalTopic", text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC));
        payload.put("originalPartition", integer(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION));
        payload.put("originalOffset", longValue(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET));
        payload.put("exceptionClass", className(text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)));
        payload.put("causeClass", className(text(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)));
        String message = text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        payload.put("exceptionMessageDigest", message == null ? null : scrubber.digest(message));
        payload.put("valueDigest", record.value() == null ? null : scrubber.digest(record.value()));
        payload.put("valueSize", record.value() == null ? 0 : record.value().length);
        TreeSet<String> names = new TreeSet<>();
        headers.forEach(h -> names.add(h.key()));
        payload.put("headers", String.join(",", names));
        String eventId = null;
        String type = null;
        String subjectId = null;
        java.time.Instant occurredAt = null;
        try {
            SpecificRecord event = deserializer.deserialize(text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC) == null
                    ? record.topic() : text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC), record.value());
            if (event != null) {
                eventId = Events.eventId(event);
                type = Events.type(event);
                subjectId = Events.subjectId(event);
                occurredAt = Events.occurredAt(event);
            }
        } catch (RuntimeException e) {
            // most dead letters are undecodable by nature: the digest above is all that can be kept
        }
        payload.put("eventType", type);
        return new SourceRecord(record.topic(), record.partition(), record.offset(), eventId, DEAD_LETTER, subjectId,
                occurredAt, payload);
    }

    /** Accepts only something shaped like a Java class name; anything else might be data and is digested. */
    private String className(String value) {
        if (value == null) {
            return null;
        }
        return value.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*") && value.length() <= 200
                ? value : scrubber.digest(value);
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer integer(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != 4 ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long longValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null || header.value().length != 8 ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }
}
