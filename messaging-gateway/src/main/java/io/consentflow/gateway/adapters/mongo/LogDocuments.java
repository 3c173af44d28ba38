package io.consentflow.gateway.adapters.mongo;

import io.consentflow.gateway.app.LoggedMessage;
import io.consentflow.gateway.domain.Category;
import io.consentflow.gateway.domain.RequestClaim;
import io.consentflow.gateway.domain.SendOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The documents of the message log. A request is up to three documents with the requestId as {@code _id}: its claim
 * in {@code message_log}, inserted before anything leaves; its call in {@code message_calls}, inserted right before
 * the HTTP request leaves (or before a refusal is stored: whoever inserts it decides the request); and its outcome in
 * {@code message_outcomes}, inserted once the request is decided; delivery statuses are appended to the outcome. Both are inserts: on the MongoDB wire server a
 * replacement of the claim cost about four times the insert of a separate outcome document (it re-derives every index
 * key of the old and the new document), and the claim's fields travel once instead of twice.
 *
 * <p>Readers see one merged document: the claim's fields, {@code outcome}, {@code wamid} and {@code statuses}. Claims
 * written by earlier versions hold their outcome themselves (and, older still, a stored {@code state} and
 * {@code timeline}); they read the same way.
 */
final class LogDocuments {

    static final String OUTCOME = "outcome";
    static final String WAMID = "wamid";
    static final String STATUSES = "statuses";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    /** Set on a merged request whose call was recorded (message_calls) before its HTTP request left. */
    static final String CALLING_AT = "callingAt";
    /** Stored by versions that kept the state and a full timeline in the claim; read, never written. */
    private static final String LEGACY_STATE = "state";
    private static final String LEGACY_TIMELINE = "timeline";

    private LogDocuments() {
    }

    /**
     * A claim. It keeps the contactKey (the HMAC pseudonym, never the number) so the frequency ledger and the
     * recipient pacer can be rebuilt from the log after a restart, and the category the gate judged by (a template's
     * registered one, not the producer's declaration); {@code claimToken} (added by the batch claim) tells one
     * attempt's own inserts from older claims of the same id.
     */
    static Document claim(RequestClaim claim) {
        Document doc = new Document("_id", claim.requestId()).append("subjectId", claim.subjectId())
                .append("contactKey", claim.contactKey()).append("category", claim.category().name())
                .append("purpose", claim.purpose()).append("template", claim.template())
                .append("campaignId", claim.campaignId()).append("claimedAt", Date.from(claim.claimedAt()));
        return claim.partition() < 0 ? doc : doc.append(PARTITION, claim.partition()).append(OFFSET, claim.offset());
    }

    /** The claim as stored (also by earlier versions, which wrote no partition). */
    static RequestClaim claimOf(Document doc) {
        return new RequestClaim(doc.getString("_id"), doc.getString("subjectId"), doc.getString("contactKey"),
                Category.valueOf(doc.getString("category")), doc.getString("purpose"), doc.getString("template"),
                doc.getString("campaignId"), doc.getDate("claimedAt").toInstant(), doc.getInteger(PARTITION, -1),
                doc.get(OFFSET) instanceof Number offset ? offset.longValue() : -1);
    }

    /** The stored outcome of a merged request, or null while it has none. */
    static SendOutcome outcomeOf(Document merged) {
        Document outcome = merged.get(OUTCOME, Document.class);
        return outcome == null ? null : OutcomeDocuments.read(outcome, merged.getString(WAMID));
    }

    /** The outcome document of a request: no claim field again, and a wamid only when Meta named one. */
    static Document outcome(String requestId, SendOutcome outcome) {
        Document doc = new Document("_id", requestId).append(OUTCOME, OutcomeDocuments.of(outcome));
        return outcome instanceof SendOutcome.Sent sent ? doc.append(WAMID, sent.wamid()) : doc;
    }

    /** The claim as readers see it: with the outcome, wamid and statuses of its outcome document, if any. */
    static Document merged(Document claim, Document outcome) {
        if (outcome == null) {
            return claim;
        }
        Document merged = new Document(claim);
        merged.remove(LEGACY_STATE);
        merged.remove(LEGACY_TIMELINE);
        merged.put(OUTCOME, outcome.get(OUTCOME));
        if (outcome.containsKey(WAMID)) {
            merged.put(WAMID, outcome.get(WAMID));
        }
        if (outcome.containsKey(STATUSES)) {
            merged.put(STATUSES, outcome.get(STATUSES));
        }
        return merged;
    }

    /**
     * CLAIMED (safe to send after a crash: the call never started), CALLING once the call was recorded, then the
     * outcome's type (SENT, FAILED, AMBIGUOUS, BLOCKED).
     */
    static String state(Document merged) {
        Document outcome = merged.get(OUTCOME, Document.class);
        if (outcome != null) {
            return outcome.getString("type");
        }
        return merged.containsKey(CALLING_AT) ? "CALLING" : "CLAIMED";
    }

    /** The timeline: claimed, the outcome if stored, then the delivery statuses in the order they were reported. */
    static List<Document> timeline(Document merged) {
        List<Document> entries = new ArrayList<>();
        if (merged.containsKey(LEGACY_TIMELINE)) {
            entries.addAll(merged.getList(LEGACY_TIMELINE, Document.class));
        } else {
            entries.add(entry(merged.getDate("claimedAt"), "CLAIMED", null));
            if (merged.containsKey(CALLING_AT)) {
                entries.add(entry(merged.getDate(CALLING_AT), "CALLING", null));
            }
            Document outcome = merged.get(OUTCOME, Document.class);
            if (outcome != null) {
                entries.add(entry(outcome.getDate("at"), outcome.getString("type"), outcome.getString("detail")));
            }
        }
        entries.addAll(merged.getList(STATUSES, Document.class, List.of()));
        return entries;
    }

    static Document entry(Date at, String kind, String detail) {
        Document entry = new Document("at", at).append("kind", kind);
        return detail == null ? entry : entry.append("detail", detail);
    }

    /** A merged log record as the app reads it (timelines, the Art. 15 export, campaign reports). */
    static LoggedMessage logged(Document merged) {
        Document outcome = merged.get(OUTCOME, Document.class);
        LoggedMessage.Outcome stored = outcome == null ? null : new LoggedMessage.Outcome(instant(outcome.getDate("at")),
                String.valueOf(outcome.get("reason")), String.valueOf(outcome.get("errorCode")));
        List<LoggedMessage.Entry> entries = timeline(merged).stream().map(e -> new LoggedMessage.Entry(
                instant(e.getDate("at")), e.getString("kind"), e.getString("detail"))).toList();
        return new LoggedMessage(merged.getString("_id"), merged.getString("subjectId"),
                merged.getString("contactKey"), merged.getString("category"), merged.getString("purpose"),
                merged.getString("template"), merged.getString("campaignId"), state(merged),
                merged.getString("wamid"), stored, entries);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
