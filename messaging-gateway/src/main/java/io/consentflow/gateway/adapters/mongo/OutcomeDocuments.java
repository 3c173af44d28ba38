package io.consentflow.gateway.adapters.mongo;

import io.consentflow.gateway.domain.Refusal;
import io.consentflow.gateway.domain.SendOutcome;
import java.util.Date;
import org.bson.Document;

/**
 * A {@link SendOutcome} as the message log stores it (the {@code outcome} field of its outcome document) and back.
 * The field names are those earlier versions wrote, so their outcomes read the same way.
 */
final class OutcomeDocuments {

    static final String BLOCKED = "BLOCKED";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    static final String AMBIGUOUS = "AMBIGUOUS";

    private OutcomeDocuments() {
    }

    static Document of(SendOutcome outcome) {
        Document doc = new Document("type", outcome.kind()).append("eventId", outcome.eventId())
                .append("at", Date.from(outcome.at()));
        if (outcome instanceof SendOutcome.Blocked blocked) {
            doc.append("reason", blocked.reason().name()).append("detail", detail(blocked));
        } else if (outcome instanceof SendOutcome.Failed failed) {
            doc.append("errorCode", failed.errorCode()).append("errorTitle", failed.errorTitle())
                    .append("retryable", failed.retryable()).append("ambiguous", false)
                    .append("detail", "error " + failed.errorCode() + (failed.httpStatus() > 0
                            ? " (HTTP " + failed.httpStatus() + ")" : ""));
            if (failed.httpStatus() > 0) {
                doc.append("httpStatus", failed.httpStatus());
            }
            if (failed.deferredUntil() != null) {
                doc.append("deferredUntil", Date.from(failed.deferredUntil()));
            }
        } else if (outcome instanceof SendOutcome.Ambiguous ambiguous) {
            doc.append("errorCode", 0).append("errorTitle", ambiguous.reason()).append("retryable", false)
                    .append("ambiguous", true).append("detail", "outcome unknown: " + ambiguous.reason());
        }
        // a Sent outcome's wamid is stored beside the outcome, where its unique index is
        return doc;
    }

    /** The stored outcome; {@code wamid} is the one stored beside it (SENT only). */
    static SendOutcome read(Document doc, String wamid) {
        String eventId = doc.getString("eventId");
        var at = doc.getDate("at").toInstant();
        return switch (doc.getString("type")) {
            case BLOCKED -> new SendOutcome.Blocked(eventId, at, Refusal.valueOf(doc.getString("reason")),
                    detailOnly(doc.getString("reason"), doc.getString("detail")));
            case SENT -> new SendOutcome.Sent(eventId, at, wamid);
            default -> doc.getBoolean("ambiguous", false) || AMBIGUOUS.equals(doc.getString("type"))
                    ? new SendOutcome.Ambiguous(eventId, at, doc.getString("errorTitle"))
                    : new SendOutcome.Failed(eventId, at, doc.getInteger("errorCode", 0), doc.getString("errorTitle"),
                            doc.getInteger("httpStatus", 0), doc.getBoolean("retryable", false),
                            doc.getDate("deferredUntil") == null ? null : doc.getDate("deferredUntil").toInstant());
        };
    }

    /** As earlier versions stored it: the reason, then the gate's detail. */
    static String detail(SendOutcome.Blocked blocked) {
        return blocked.summary();
    }

    private static String detailOnly(String reason, String stored) {
        if (stored == null || stored.equals(reason)) {
            return null;
        }
        return stored.startsWith(reason + ": ") ? stored.substring(reason.length() + 2) : stored;
    }
}
