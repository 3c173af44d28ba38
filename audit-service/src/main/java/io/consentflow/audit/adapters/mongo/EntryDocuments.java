package io.consentflow.audit.adapters.mongo;

import io.consentflow.audit.domain.AuditEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Maps entries to BSON and back, field for field: what is read must hash exactly as what was written. */
final class EntryDocuments {

    private EntryDocuments() {
    }

    static Document toDocument(AuditEntry entry) {
        return new Document("_id", entry.id())
                .append("chainId", entry.chainId())
                .append("sequence", entry.sequence())
                .append("topic", entry.topic())
                .append("partition", entry.partition())
                .append("offset", entry.offset())
                .append("eventId", entry.eventId())
                .append("type", entry.type())
                .append("subjectId", entry.subjectId())
                .append("occurredAt", entry.occurredAt() == null ? null : Date.from(entry.occurredAt()))
                .append("recordedAt", Date.from(entry.recordedAt()))
                .append("payload", entry.payload() == null ? null : new Document(entry.payload()))
                .append("prevHash", entry.prevHash())
                .append("hash", entry.hash());
    }

    static AuditEntry fromDocument(Document doc) {
        return new AuditEntry(doc.getString("chainId"), number(doc.get("sequence")), doc.getString("topic"),
                (int) number(doc.get("partition")), number(doc.get("offset")), doc.getString("eventId"),
                doc.getString("type"), doc.getString("subjectId"), instant(doc.get("occurredAt")),
                instant(doc.get("recordedAt")), plain(doc.get("payload")), doc.getString("prevHash"),
                doc.getString("hash"));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plain(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) plainValue(value) : null;
    }

    private static Object plainValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plainValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(plainValue(item)));
            return out;
        }
        return value;
    }
}
