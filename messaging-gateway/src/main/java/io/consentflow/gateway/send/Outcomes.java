package io.consentflow.gateway.send;

import io.consentflow.events.BlockReason;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.schemas.Services;
import java.time.Instant;
import java.util.Date;
import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;

/**
 * The outcome of a request as stored in the message log, and the event built from it. Storing the outcome (with its
 * eventId) before publishing means a redelivered request re-publishes the identical event and never calls Meta.
 */
final class Outcomes {

    static final String BLOCKED = "BLOCKED";
    static final String SENT = "SENT";
    static final String FAILED = "FAILED";
    static final String AMBIGUOUS = "AMBIGUOUS";

    private Outcomes() {
    }

    static Document blocked(String eventId, String reason, String detail, Instant at) {
        return new Document("type", BLOCKED).append("eventId", eventId).append("reason", reason)
                .append("detail", reason + (detail == null ? "" : ": " + detail)).append("at", Date.from(at));
    }

    static Document of(String eventId, CallResult result, Instant at) {
        Document doc = new Document("eventId", eventId).append("at", Date.from(at));
        if (result.accepted()) {
            return doc.append("type", SENT); // the wamid is stored beside the outcome, where its unique index is
        }
        doc.append("type", result.ambiguous() ? AMBIGUOUS : FAILED).append("errorCode", result.errorCode())
                .append("errorTitle", result.errorTitle()).append("retryable", result.retryable())
                .append("ambiguous", result.ambiguous())
                .append("detail", result.ambiguous() ? "outcome unknown: " + result.errorTitle()
                        : "error " + result.errorCode() + (result.httpStatus() > 0 ? " (HTTP " + result.httpStatus()
                        + ")" : ""));
        if (result.deferredUntil() != null) {
            doc.append("deferredUntil", Date.from(result.deferredUntil()));
        }
        return doc;
    }

    /** A claim found without an outcome: the previous attempt died between claim and outcome. */
    static Document unknownAfterClaim(String eventId, Instant at) {
        return of(eventId, new CallResult(null, 0, 0, "claimed before a restart, outcome unknown", false, true, null),
                at);
    }

    /** The event announcing a stored outcome; {@code wamid} is the one Meta answered for a sent message. */
    static SpecificRecord event(Document log, Document outcome, String wamid) {
        String requestId = log.getString("_id");
        String subjectId = log.getString("subjectId");
        MessageCategory category = MessageCategory.valueOf(log.getString("category"));
        Instant at = outcome.getDate("at").toInstant();
        String eventId = outcome.getString("eventId");
        return switch (outcome.getString("type")) {
            case BLOCKED -> MessageBlocked.newBuilder().setEventId(eventId).setOccurredAt(at)
                    .setProducer(Services.GATEWAY).setRequestId(requestId).setSubjectId(subjectId)
                    .setReason(BlockReason.valueOf(outcome.getString("reason"))).setCategory(category)
                    .setPurpose(log.getString("purpose")).setCampaignId(log.getString("campaignId"))
                    .setDetail(outcome.getString("detail")).build();
            case SENT -> MessageSent.newBuilder().setEventId(eventId).setOccurredAt(at).setProducer(Services.GATEWAY)
                    .setRequestId(requestId).setSubjectId(subjectId).setWamid(wamid)
                    .setCategory(category).setPurpose(log.getString("purpose"))
                    .setCampaignId(log.getString("campaignId")).build();
            default -> MessageFailed.newBuilder().setEventId(eventId).setOccurredAt(at).setProducer(Services.GATEWAY)
                    .setRequestId(requestId).setSubjectId(subjectId).setErrorCode(outcome.getInteger("errorCode", 0))
                    .setErrorTitle(outcome.getString("errorTitle"))
                    .setRetryable(outcome.getBoolean("retryable", false))
                    .setAmbiguous(outcome.getBoolean("ambiguous", false))
                    .setDeferredUntil(outcome.getDate("deferredUntil") == null ? null
                            : outcome.getDate("deferredUntil").toInstant())
                    .setCategory(category).build();
        };
    }
}
