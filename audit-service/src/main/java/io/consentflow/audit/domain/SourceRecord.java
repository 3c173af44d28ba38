package io.consentflow.audit.domain;

import java.time.Instant;
import java.util.Map;

/** A consumed record, already stripped of personal data, before it is linked into its chain. */
public record SourceRecord(String topic, int partition, long offset, String eventId, String type, String subjectId,
        Instant occurredAt, Map<String, Object> payload) {

    public String chainId() {
        return AuditEntry.chainId(topic, partition);
    }
}
