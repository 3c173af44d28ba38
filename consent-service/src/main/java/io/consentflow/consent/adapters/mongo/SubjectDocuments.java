package io.consentflow.consent.adapters.mongo;

import io.consentflow.consent.app.StoredSubject;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.HistoryEntry;
import io.consentflow.consent.domain.OutboxEntry;
import io.consentflow.consent.domain.PendingOptIn;
import io.consentflow.consent.domain.Subject;
import io.consentflow.consent.domain.SubjectStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import javax.crypto.SecretKey;
import org.bson.Document;
import org.bson.types.Binary;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a subject to its MongoDB document. The number, the evidence and every queued send request (which carries the
 * number) are encrypted with the subject's data key; ids, status, purposes and digests stay readable for queries.
 * The data key itself is not in the document: it lives in the {@link KeyRing}. Documents written before the key
 * ring held it wrapped ({@code wrappedKey}); they are read with it and written without it once the ring has it.
 */
final class SubjectDocuments {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SubjectCrypto crypto;

    SubjectDocuments(SubjectCrypto crypto) {
        this.crypto = crypto;
    }

    Document toDocument(StoredSubject stored, long revision) {
        Subject s = stored.subject();
        if (!s.queued().isEmpty()) {
            // written without them, the events would be lost: the app encodes them into the outbox first
            throw new IllegalStateException("subject written with events queued but not encoded");
        }
        String id = s.subjectId();
        boolean erased = s.status() == SubjectStatus.ERASED;
        Document doc = new Document("_id", id).append("revision", revision).append("status", s.status().name())
                .append("locale", s.locale()).append("purposes", new ArrayList<>(s.purposes()))
                .append("marketingStoppedAtMeta", s.marketingStoppedAtMeta()).append("createdAt", date(s.createdAt()))
                .append("confirmedAt", date(s.confirmedAt())).append("stoppedAt", date(s.stoppedAt()))
                .append("stateVersion", s.stateVersion()).append("processed", s.processedEventIds());
        if (!erased) {
            SecretKey key = stored.dataKey();
            doc.append("contactKey", s.contactKey())
                    .append("number", crypto.encrypt(key, id, "number", s.e164()))
                    .append("evidence", s.evidence().stream()
                            .map(e -> crypto.encrypt(key, id, "evidence", JSON.writeValueAsString(e))).toList())
                    .append("history", s.history().stream().map(h -> new Document("at", date(h.at()))
                            .append("event", h.event()).append("detail", h.detail())).toList());
        }
        PendingOptIn p = s.pending();
        if (p != null) {
            doc.append("pending", new Document("optInId", p.optInId()).append("purposes", new ArrayList<>(p.purposes()))
                    .append("tokenHash", p.tokenHash()).append("requestedAt", date(p.requestedAt()))
                    .append("expiresAt", date(p.expiresAt())).append("source", p.source()).append("locale", p.locale())
                    .append("widening", p.widening()).append("evidenceDigest", p.evidenceDigest()))
                    .append("tokenHash", p.tokenHash()).append("pendingExpiresAt", date(p.expiresAt()));
        }
        List<Document> outbox = new ArrayList<>();
        for (OutboxEntry entry : s.outbox()) {
            boolean sealed = entry.sealed();
            byte[] value = entry.value();
            Document queued = new Document("eventId", entry.eventId()).append("topic", entry.topic())
                    .append("sealed", sealed)
                    .append("key", sealed ? crypto.encrypt(stored.dataKey(), id, "outbox-key", entry.key()) : entry.key())
                    .append("value", value == null ? null : new Binary(sealed
                            ? crypto.encryptBytes(stored.dataKey(), id, "outbox-value", value) : value));
            if (entry.traceparent() != null) {
                // ids and a sampling flag, no personal data: stored in the clear
                queued.append("traceparent", entry.traceparent());
            }
            outbox.add(queued);
        }
        return doc.append("outbox", outbox).append("outboxSize", outbox.size());
    }

    /**
     * {@code key} is the subject's data key from the ring (or the document, for one written before the ring), null
     * when it is gone: then nothing encrypted can be read (a document restored from a backup after its erasure).
     */
    StoredSubject fromDocument(Document doc, SecretKey key) {
        String id = doc.getString("_id");
        List<Evidence> evidence = new ArrayList<>();
        for (String sealed : key == null ? List.<String>of() : doc.getList("evidence", String.class, List.of())) {
            evidence.add(JSON.readValue(crypto.decrypt(key, id, "evidence", sealed), Evidence.class));
        }
        List<HistoryEntry> history = doc.getList("history", Document.class, List.of()).stream()
                .map(h -> new HistoryEntry(instant(h.getDate("at")), h.getString("event"), h.getString("detail")))
                .toList();
        Document p = doc.get("pending", Document.class);
        PendingOptIn pending = p == null ? null : new PendingOptIn(p.getString("optInId"),
                new HashSet<>(p.getList("purposes", String.class)), p.getString("tokenHash"),
                instant(p.getDate("requestedAt")), instant(p.getDate("expiresAt")), p.getString("source"),
                p.getString("locale"), p.getBoolean("widening", false), p.getString("evidenceDigest"));
        Subject subject = new Subject(id, doc.getString("contactKey"),
                key == null ? null : crypto.decrypt(key, id, "number", doc.getString("number")),
                doc.getString("locale"), SubjectStatus.valueOf(doc.getString("status")),
                new HashSet<>(doc.getList("purposes", String.class, List.of())), pending, evidence,
                doc.getBoolean("marketingStoppedAtMeta", false), instant(doc.getDate("createdAt")),
                instant(doc.getDate("confirmedAt")), instant(doc.getDate("stoppedAt")),
                ((Number) doc.get("stateVersion")).longValue(), history,
                doc.getList("processed", String.class, List.of()), outbox(doc, key));
        return new StoredSubject(subject, ((Number) doc.get("revision")).longValue(), key,
                doc.getString("wrappedKey"));
    }

    List<OutboxEntry> outbox(Document doc, SecretKey key) {
        String id = doc.getString("_id");
        List<OutboxEntry> entries = new ArrayList<>();
        for (Document entry : doc.getList("outbox", Document.class, List.of())) {
            boolean sealed = entry.getBoolean("sealed", false);
            if (sealed && key == null) {
                continue;
            }
            Binary binary = entry.get("value", Binary.class);
            byte[] value = binary == null ? null
                    : sealed ? crypto.decryptBytes(key, id, "outbox-value", binary.getData()) : binary.getData();
            String topic = entry.getString("topic");
            entries.add(new OutboxEntry(entry.getString("eventId"), topic,
                    sealed ? crypto.decrypt(key, id, "outbox-key", entry.getString("key")) : entry.getString("key"),
                    value, sealed, entry.getString("traceparent")));
        }
        return entries;
    }

    /** The data key a document written before the key ring holds itself, or null. */
    SecretKey legacyKeyOf(Document doc) {
        String wrapped = doc.getString("wrappedKey");
        return wrapped == null ? null : crypto.masterKeys().unwrapUnnamed(wrapped, doc.getString("_id"));
    }

    /** Whether the document's data key is in the key ring: it holds none itself and is not erased (key shredded). */
    boolean keyInRing(Document doc) {
        return doc.getString("wrappedKey") == null && !SubjectStatus.ERASED.name().equals(doc.getString("status"));
    }

    /**
     * The document's data key: its own if written before the key ring, else {@code ringKey} (the ring's entry for it,
     * null if none) unwrapped when {@link #keyInRing}; null when the key is gone.
     */
    SecretKey dataKeyOf(Document doc, MasterKeys.WrappedKey ringKey) {
        SecretKey legacy = legacyKeyOf(doc);
        if (legacy != null) {
            return legacy;
        }
        return ringKey != null && keyInRing(doc) ? crypto.unwrap(ringKey, doc.getString("_id")) : null;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
