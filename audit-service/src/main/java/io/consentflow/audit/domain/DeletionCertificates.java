package io.consentflow.audit.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The deletion certificate of one erasure (docs/architecture.md#deletion-certificate), built only from the audit
 * log: the command, each service's receipt with its chain position, what remains and why, and the date by which the
 * last copy (topics, backups) is gone. Signed like a checkpoint: Ed25519 over the canonical JSON of the certificate.
 */
public final class DeletionCertificates {

    public static final int FORMAT_VERSION = 1;
    public static final String ALGORITHM = "Ed25519";

    /**
     * @param numberTopics topics that carry numbers -> the bound on their last copy after a record was written
     * @param idTopics     topics that carry only the subjectId -> their retention
     * @param backups      how long a database backup is kept (the key ring's too)
     * @param contactKeyTopics compacted topics keyed by the contact key -> the bound on the cleaner dropping the
     *                         tombstone and the snapshots before it ({@code Topics.compactedCopyGoneWithin})
     * @param contactKeyDeadLetters the dead-letter topics of those compacted topics -> the bound on their last copy
     * @param unlinkedSalts    how long a salt of a contact never seen with a subject is kept before policy shreds it
     */
    public record Bounds(Map<String, Duration> numberTopics, Map<String, Duration> idTopics, Duration backups,
            Map<String, Duration> contactKeyTopics, Map<String, Duration> contactKeyDeadLetters,
            Duration unlinkedSalts) {
    }

    /** What a verifier needs: the certificate, the exact text signed, and the signature with its key id. */
    public record Signed(Map<String, Object> certificate, String canonical, String algorithm, String keyId,
            String signature) {
    }

    private DeletionCertificates() {
    }

    /**
     * Empty when the log holds no ErasureRequested with this id.
     *
     * @param erasureEntries      every entry whose payload names the erasureId (commands and receipts)
     * @param subjectEntries      how many entries the log holds about the subject
     * @param contactSaltsShredded whether no salt of the subject's contacts is left (its digests are unlinkable)
     */
    public static Optional<Map<String, Object>> build(String erasureId, List<AuditEntry> erasureEntries,
            long subjectEntries, boolean contactSaltsShredded, Bounds bounds, Instant now) {
        List<AuditEntry> ordered = erasureEntries.stream()
                .sorted(Comparator.comparing(DeletionCertificates::when).thenComparing(AuditEntry::id)).toList();
        Optional<AuditEntry> command = ordered.stream().filter(e -> "ErasureRequested".equals(e.type())).findFirst();
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> request = command.get().payload();
        List<String> required = strings(request.get("requiredReceipts"));
        Map<String, AuditEntry> receipts = new TreeMap<>();
        ordered.stream().filter(e -> required.contains(e.type())).forEach(e -> receipts.putIfAbsent(e.type(), e));
        List<String> missing = new ArrayList<>(required);
        missing.removeAll(receipts.keySet());
        Instant completedAt = missing.isEmpty() ? receipts.values().stream().map(DeletionCertificates::when)
                .max(Comparator.naturalOrder()).orElseThrow() : null;
        String purpose = (String) request.get("purpose");

        Map<String, Object> c = new LinkedHashMap<>();
        c.put("v", FORMAT_VERSION);
        c.put("erasureId", erasureId);
        c.put("subjectId", command.get().subjectId());
        c.put("scope", request.get("scope"));
        c.put("reason", request.get("reason"));
        c.put("purpose", purpose);
        c.put("requestedAt", text(when(command.get())));
        c.put("issuedAt", text(now));
        c.put("status", missing.isEmpty() ? "COMPLETE" : "AWAITING_RECEIPTS");
        c.put("commandEntry", position(command.get()));
        c.put("receipts", receipts.values().stream().map(DeletionCertificates::receipt).toList());
        c.put("missingReceipts", missing);
        c.put("remains", remains(purpose, subjectEntries, contactSaltsShredded, bounds,
                completedAt == null ? now : completedAt));
        c.put("bounds", boundsView(bounds));
        c.put("lastCopyGoneBy", completedAt == null ? null : text(lastCopyGoneBy(completedAt, bounds)));
        return Optional.of(c);
    }

    /**
     * The latest of: every topic that carries numbers has dropped what was written up to the erasure, and every
     * backup taken before it has rolled over.
     */
    static Instant lastCopyGoneBy(Instant completedAt, Bounds bounds) {
        Duration topics = bounds.numberTopics().values().stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        Instant byTopics = completedAt.plus(topics);
        Instant byBackups = completedAt.plus(bounds.backups());
        return byTopics.isAfter(byBackups) ? byTopics : byBackups;
    }

    public static Signed sign(Map<String, Object> certificate, SigningKeys keys) {
        String canonical = CanonicalJson.encode(certificate);
        return new Signed(certificate, canonical, ALGORITHM, keys.keyId(),
                keys.sign(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /** True when the signature is by a trusted key over exactly the canonical form of the certificate shown. */
    public static boolean verify(Signed signed, VerificationKeys keys) {
        var key = keys.key(signed.keyId());
        return key.isPresent() && ALGORITHM.equals(signed.algorithm())
                && CanonicalJson.encode(signed.certificate()).equals(signed.canonical())
                && SigningKeys.verify(key.get().publicKey(), signed.canonical().getBytes(StandardCharsets.UTF_8),
                        signed.signature());
    }

    private static List<Map<String, Object>> remains(String purpose, long subjectEntries, boolean saltsShredded,
            Bounds bounds, Instant from) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (purpose != null) {
            out.add(remain("consent-service: the subject with its other purposes", "consent for the other purposes is"
                    + " still in force; only " + purpose + " ended (the end of the last purpose erases the subject)",
                    null));
        }
        out.add(remain("audit-service: " + subjectEntries + " audit log entries naming the random subjectId"
                        + (saltsShredded ? ", their contact digests made unlinkable (salt shredded)"
                                : ", their contact digests still matchable by the audit salt holder"),
                "accountability and proof (Art. 5(2), 7(1) GDPR): the log is append-only and kept whole; it holds no "
                        + "number, text or contact key in clear", null));
        bounds.idTopics().forEach((topic, retention) -> out.add(remain("Kafka " + topic + ": events naming the"
                + " subjectId only", "the topic's retention (no number, no contact key)", text(from.plus(retention)))));
        bounds.numberTopics().forEach((topic, bound) -> out.add(remain("Kafka " + topic
                + ": records written before the erasure", "deleted by retention, segment roll and the broker's check",
                text(from.plus(bound)))));
        bounds.contactKeyTopics().forEach((topic, bound) -> out.add(remain("Kafka " + topic + ": the contact key (a"
                + " keyed pseudonym, no number) as the key of the erasure tombstone and of the snapshots before it",
                "a compacted topic: the tombstone tells every reader to forget the contact; the segment rolls within"
                        + " max.compaction.lag.ms once its partition receives another record, the log cleaner must then"
                        + " drop the snapshots, and drops the tombstone after delete.retention.ms (a cleaner busy with"
                        + " other logs can be later: Kafka states no bound on that)",
                text(from.plus(bound)))));
        bounds.contactKeyDeadLetters().forEach((topic, bound) -> out.add(remain("Kafka " + topic + ": snapshots a"
                + " reader could not process, keyed by the contact key (a keyed pseudonym, no number)", "dead letters"
                + " kept for investigation; deleted by retention, segment roll and the broker's check",
                text(from.plus(bound)))));
        out.add(remain("audit-service: salts of contacts the log never saw with a subject (a number no consent named,"
                + " e.g. a request refused for no consent, a STOP from an unknown number)", "shredded by the retention"
                + " policy once " + bounds.unlinkedSalts() + " old; their entries stay, unlinkable to the number",
                text(from.plus(bounds.unlinkedSalts()))));
        out.add(remain("database backups taken before the erasure", "rolled over by the backup schedule; the "
                + "subject's encrypted data in them is unreadable once its key ring entry is gone from the key ring's "
                + "backups", text(from.plus(bounds.backups()))));
        return out;
    }

    private static Map<String, Object> remain(String what, String why, String until) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", what);
        m.put("why", why);
        m.put("until", until);
        return m;
    }

    private static Map<String, Object> boundsView(Bounds bounds) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> topics = new TreeMap<>();
        bounds.numberTopics().forEach((topic, bound) -> topics.put(topic, bound.toString()));
        m.put("numberTopicsLastCopy", topics);
        Map<String, Object> contactKeyTopics = new TreeMap<>();
        bounds.contactKeyTopics().forEach((topic, bound) -> contactKeyTopics.put(topic, bound.toString()));
        bounds.contactKeyDeadLetters().forEach((topic, bound) -> contactKeyTopics.put(topic, bound.toString()));
        m.put("contactKeyTopicsLastCopy", contactKeyTopics);
        m.put("unlinkedSalts", bounds.unlinkedSalts().toString());
        m.put("backups", bounds.backups().toString());
        return m;
    }

    private static Map<String, Object> receipt(AuditEntry entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> p = entry.payload();
        m.put("type", entry.type());
        m.put("service", p.get("producer"));
        m.put("at", text(when(entry)));
        m.put("scope", p.get("scope"));
        m.put("purpose", p.get("purpose"));
        m.put("messagesErased", p.get("messagesErased"));
        m.put("entry", position(entry));
        return m;
    }

    private static Map<String, Object> position(AuditEntry entry) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", entry.id());
        m.put("chainId", entry.chainId());
        m.put("sequence", entry.sequence());
        m.put("hash", entry.hash());
        return m;
    }

    private static Instant when(AuditEntry entry) {
        return entry.occurredAt() != null ? entry.occurredAt() : entry.recordedAt();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
