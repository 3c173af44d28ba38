package io.consentflow.audit.adapters.kafka;

import io.consentflow.audit.app.AuditLog;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Batch listeners: unwrap, translate, append. Offsets are committed only after the batch is stored, so a crash means
 * redelivery, which the log absorbs (idempotent on topic-partition-offset).
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

    private final RecordTranslator translator;
    private final AuditLog log;

    AuditListeners(RecordTranslator translator, AuditLog log) {
        this.translator = translator;
        this.log = log;
    }

    @KafkaListener(id = LISTENER_EVENTS, groupId = GROUP, topics = {"consent-events", "send-requests", "message-events",
            "whatsapp-inbound", "retention-commands", "audit-staff-access"}, containerFactory = AuditKafkaConfiguration.FACTORY)
    void events(List<ConsumerRecord<byte[], byte[]>> records) {
        log.append(translator.translateAll(records));
    }

    @KafkaListener(id = LISTENER_DEAD_LETTERS, groupId = GROUP + "-dead-letters", topicPattern = DEAD_LETTER_PATTERN,
            containerFactory = AuditKafkaConfiguration.FACTORY)
    void deadLetters(List<ConsumerRecord<byte[], byte[]>> records) {
        log.append(records.stream().map(translator::translate).toList());
    }
}
