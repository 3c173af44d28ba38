package io.consentflow.audit.adapters.kafka;

import io.consentflow.audit.app.ContactSalts;
import io.consentflow.audit.domain.PersonalDataScrubber;
import io.consentflow.audit.domain.SourceRecord;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MarketingPreferenceChanged;
import io.consentflow.events.OptInExpired;
import io.consentflow.events.SendRequest;
import io.consentflow.events.SubjectErased;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a raw record into what gets chained. Decoding happens here, not in the consumer, so that a record that does
 * not decode is still audited (as a digest of its bytes) instead of being skipped. Keys are never read: on
 * {@code send-requests} the key is a phone number. An event about one contact is digested under the contact's own
 * salt ({@link ContactSalts}), and the erasure of a subject shreds the salts of its contacts.
 */
@Component
class RecordTranslator {

    static final String UNDECODABLE = "Undecodable";
    static final String TOMBSTONE = "Tombstone";
    static final String DEAD_LETTER = "DeadLetter";

    /** Erasures after which nothing of the subject stays with consent-service: its contacts' salts go. */
    private static final Set<ErasureScope> SHREDDING = Set.of(ErasureScope.SUBJECT, ErasureScope.CONSENT_PROOF);

    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();
    private final PersonalDataScrubber scrubber;
    private final ContactSalts salts;

    RecordTranslator(PersonalDataScrubber scrubber, ContactSalts salts) {
        this.scrubber = scrubber;
        this.salts = salts;
    }

    /**
     * A poll's records: the contacts' salts are fetched (or created) in one go before scrubbing, and the erasures the
     * poll carries shred their subjects' salts afterwards (idempotent, so a redelivered poll does it again).
     */
    Mono<List<SourceRecord>> translateAll(List<ConsumerRecord<byte[], byte[]>> records) {
        List<SpecificRecord> events = new ArrayList<>(records.size());
        // each record's salt lookup (a keyed digest) computed once, used to fetch and then to pick its salt
        String[] lookups = new String[records.size()];
        Map<String, String> subjectByLookup = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            SpecificRecord event = decodeOrNull(records.get(i));
            events.add(event);
            String number = contactNumber(event);
            if (number != null) {
                String subjectId = Events.subjectId(event);
                lookups[i] = scrubber.saltLookup(number);
                subjectByLookup.merge(lookups[i], subjectId == null ? "" : subjectId, (a, b) -> a.isEmpty() ? b : a);
            }
        }
        subjectByLookup.replaceAll((lookup, subjectId) -> subjectId.isEmpty() ? null : subjectId);
        Mono<Map<String, byte[]>> contactSalts = subjectByLookup.isEmpty() ? Mono.just(Map.of())
                : salts.saltsFor(subjectByLookup).switchIfEmpty(Mono.error(new IllegalStateException(
                        "the contact salts store answered nothing")));
        return contactSalts.map(found -> {
            List<SourceRecord> out = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                SpecificRecord event = events.get(i);
                byte[] salt = lookups[i] == null ? null : found.get(lookups[i]);
                out.add(salt != null ? contactEvent(records.get(i), event, salt)
                        : event != null ? decoded(records.get(i), event) : translate(records.get(i)));
            }
            return out;
        }).flatMap(out -> Flux.fromStream(events.stream().map(RecordTranslator::erasedSubject)
                        .filter(java.util.Objects::nonNull).distinct())
                .concatMap(salts::shred).then(Mono.just(out)));
    }

    private SourceRecord contactEvent(ConsumerRecord<byte[], byte[]> record, SpecificRecord event, byte[] salt) {
        String type = Events.type(event);
        return new SourceRecord(record.topic(), record.partition(), record.offset(), Events.eventId(event), type,
                Events.subjectId(event), Events.occurredAt(event),
                scrubber.scrubForContact(type, AvroMaps.toMap(event), salt));
    }

    private SpecificRecord decodeOrNull(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null || record.topic().endsWith(Topics.DLT_SUFFIX)) {
            return null;
        }
        try {
            return deserializer.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return null; // translate() audits it as undecodable
        }
    }

    /** The number an event is about: the recipient of a send request, the sender of an inbound event. */
    static String contactNumber(SpecificRecord event) {
        if (event instanceof SendRequest r) {
            return r.getTo();
        } else if (event instanceof InboundMessage m) {
            return m.getFrom();
        } else if (event instanceof MarketingPreferenceChanged p) {
            return p.getFrom();
        }
        return null;
    }

    /**
     * The subject of which nothing stays with consent-service, else null: an erasure of the whole subject (not one
     * purpose), a receipt saying the subject was removed (also a pending opt-in's erasure of a subject that never
     * consented, v3), or the expiry of an opt-in that erased a subject that never consented (v2).
     */
    static String erasedSubject(SpecificRecord event) {
        if (event instanceof ErasureRequested r && SHREDDING.contains(r.getScope()) && r.getPurpose() == null) {
            return r.getSubjectId();
        } else if (event instanceof SubjectErased e
                && (e.getSubjectRemoved() || SHREDDING.contains(e.getScope()) && e.getPurpose() == null)) {
            return e.getSubjectId();
        } else if (event instanceof OptInExpired x && x.getSubjectErased()) {
            return x.getSubjectId();
        }
        return null;
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
        return decoded(record, event);
    }

    /** A record of a source topic that decoded: the event scrubbed of personal data (decoded once per poll). */
    private SourceRecord decoded(ConsumerRecord<byte[], byte[]> record, SpecificRecord event) {
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
