package io.consentflow.audit.domain;

import io.consentflow.proof.Sha256;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One link of a chain: an audited record at {@code sequence} in the chain of its source topic-partition.
 * {@code hash = SHA-256(prevHash || canonical())}. Times carry millisecond precision so they survive storage unchanged.
 *
 * @param payload the event with personal data replaced by salted digests (strings, integers, booleans, lists, maps)
 */
public record AuditEntry(String chainId, long sequence, String topic, int partition, long offset, String eventId,
        String type, String subjectId, Instant occurredAt, Instant recordedAt, Map<String, Object> payload,
        String prevHash, String hash) {

    public static final int FORMAT_VERSION = 1;

    /** Unique per source record: the idempotency key of the log. */
    public String id() {
        return entryId(topic, partition, offset);
    }

    public static String entryId(String topic, int partition, long offset) {
        return topic + "-" + partition + "-" + offset;
    }

    public static String chainId(String topic, int partition) {
        return topic + "-" + partition;
    }

    /** Every field except {@code prevHash} and {@code hash}, canonically encoded. */
    public String canonical() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("v", FORMAT_VERSION);
        fields.put("chainId", chainId);
        fields.put("sequence", sequence);
        fields.put("topic", topic);
        fields.put("partition", partition);
        fields.put("offset", offset);
        fields.put("eventId", eventId);
        fields.put("type", type);
        fields.put("subjectId", subjectId);
        fields.put("occurredAt", occurredAt == null ? null : occurredAt.toEpochMilli());
        fields.put("recordedAt", recordedAt.toEpochMilli());
        fields.put("payload", payload);
        return CanonicalJson.encode(fields);
    }

    public String computeHash() {
        return Sha256.chained(prevHash, canonical());
    }

    public AuditEntry withHashes(String newPrevHash) {
        AuditEntry linked = new AuditEntry(chainId, sequence, topic, partition, offset, eventId, type, subjectId,
                occurredAt, recordedAt, payload, newPrevHash, null);
        return new AuditEntry(chainId, sequence, topic, partition, offset, eventId, type, subjectId, occurredAt,
                recordedAt, payload, newPrevHash, linked.computeHash());
    }
}
