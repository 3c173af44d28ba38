package io.consentflow.audit.adapters.kafka;

import io.consentflow.audit.app.AuditLog;
import io.consentflow.platform.idempotency.IdempotentConsumer;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Batch listeners: drop what was appended before, translate, append - blocking once, on the append. Offsets are
 * committed only after the batch is stored, so a crash means redelivery. Two lines absorb it: platform's
 * {@link IdempotentConsumer} drops records remembered by topic/partition/offset (one lookup and one insert per poll);
 * what it lets through again (a crash between the append and the remember, or a rewind older than what it remembers)
 * is absorbed by the log itself, atomically with each append: the chain offsets and the unique chain position.
 * <p>
 * The group ids are explicit: without them spring-kafka uses the listener id as the group ({@code idIsGroup}), so the
 * service consumed as {@code audit-events} while the README and every operator assumed {@code audit-service}; a reset
 * of {@code audit-service} then moved the offsets of a group nobody consumed in, and the listener stayed idle at its
 * old position.
 */
@Component
class AuditListeners {

    static final String LISTENER_EVENTS = "audit-events";
    static final String LISTENER_DEAD_LETTERS = "audit-dead-letters";
    /** {@code audit-service} unless configured: the group operators reset to replay the source topics. */
    static final String GROUP = "${spring.kafka.consumer.group-id}";
    /** consent-state is a compacted projection of consent-events (which is audited in full): not audited. */
    static final String[] SOURCE_TOPICS = {"consent-events", "send-requests", "message-events", "whatsapp-inbound",
            "retention-commands", "audit-staff-access"};
    /** Every catalog topic's DLT, including ones created later by other services (pattern subscription). */
    static final String DEAD_LETTER_PATTERN =
            "(consent-events|consent-state|send-requests|message-events|whatsapp-inbound|retention-commands"
            + "|audit-staff-access)-dlt";

    static final int DEAD_LETTERS_FETCH_MAX_WAIT_MILLIS = 5_000;

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final RecordTranslator translator;
    private final AuditLog log;
    private final IdempotentConsumer sourceRecords;
    private final IdempotentConsumer deadLetters;

    AuditListeners(RecordTranslator translator, AuditLog log,
            @Qualifier("auditEventsConsumer") IdempotentConsumer sourceRecords,
            @Qualifier("auditDeadLettersConsumer") IdempotentConsumer deadLetters) {
        this.translator = translator;
        this.log = log;
        this.sourceRecords = sourceRecords;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = LISTENER_EVENTS, groupId = GROUP, topics = {"consent-events", "send-requests", "message-events",
            "whatsapp-inbound", "retention-commands", "audit-staff-access"}, containerFactory = AuditKafkaConfiguration.FACTORY)
    void events(List<ConsumerRecord<byte[], byte[]>> records) {
        sourceRecords.process(records, AuditListeners::position,
                fresh -> translator.translateAll(fresh).flatMap(log::append)).block(TIMEOUT);
    }

    // dead letters are rare: the broker answers this consumer's fetch on their first byte and holds it up to 5 s
    // otherwise (the service's 64 KB or 250 ms made it fetch the ~40 dead-letter partitions four times a second)
    @KafkaListener(id = LISTENER_DEAD_LETTERS, groupId = GROUP + "-dead-letters", topicPattern = DEAD_LETTER_PATTERN,
            containerFactory = AuditKafkaConfiguration.FACTORY, properties = {"fetch.min.bytes=1",
                    "fetch.max.wait.ms=" + DEAD_LETTERS_FETCH_MAX_WAIT_MILLIS})
    void deadLetters(List<ConsumerRecord<byte[], byte[]>> records) {
        deadLetters.process(records, AuditListeners::position,
                fresh -> log.append(fresh.stream().map(translator::translate).toList())).block(TIMEOUT);
    }

    /** A record's identity on the broker: what the chain offsets dedupe on too. */
    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }
}
