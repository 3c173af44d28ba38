package io.consentflow.gateway.send;

import io.consentflow.events.SendRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The documents of the message log. A request is two documents with the requestId as {@code _id}: its claim in
 * {@code message_log}, inserted before anything leaves, and its outcome in {@code message_outcomes}, inserted once the
 * request is decided; delivery statuses are appended to the outcome. Both are inserts: on the MongoDB wire server a
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
    /** Stored by versions that kept the state and a full timeline in the claim; read, never written. */
    private static final String LEGACY_STATE = "state";
    private static final String LEGACY_TIMELINE = "timeline";

    private LogDocuments() {
    }

    /**
     * A claim. It keeps the contactKey (the HMAC pseudonym, never the number) so the frequency ledger and the
     * recipient pacer can be rebuilt from the log after a restart; {@code claimToken} (added by the batch claim)
     * tells one attempt's own inserts from older claims of the same id.
     */
    static Document claim(SendRequest request, String subjectId, String contactKey, Instant now) {
        return new Document("_id", request.getRequestId()).append("subjectId", subjectId)
                .append("contactKey", contactKey).append("category", request.getCategory().name())
                .append("purpose", request.getPurpose())
                .append("template", request.getTemplate() == null ? null : request.getTemplate().getName())
                .append("campaignId", request.getCampaignId()).append("claimedAt", Date.from(now));
    }

    /** The outcome document of a request: no claim field again, and a wamid only when Meta named one. */
    static Document outcome(Object requestId, Document outcome, String wamid) {
        Document doc = new Document("_id", requestId).append(OUTCOME, outcome);
        return wamid == null ? doc : doc.append(WAMID, wamid);
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

    /** CLAIMED until the outcome is stored, then the outcome's type (SENT, FAILED, AMBIGUOUS, BLOCKED). */
    static String state(Document merged) {
        Document outcome = merged.get(OUTCOME, Document.class);
        return outcome == null ? "CLAIMED" : outcome.getString("type");
    }

    /** The timeline: claimed, the outcome if stored, then the delivery statuses in the order they were reported. */
    static List<Document> timeline(Document merged) {
        List<Document> entries = new ArrayList<>();
        if (merged.containsKey(LEGACY_TIMELINE)) {
            entries.addAll(merged.getList(LEGACY_TIMELINE, Document.class));
        } else {
            entries.add(entry(merged.getDate("claimedAt"), "CLAIMED", null));
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
}
