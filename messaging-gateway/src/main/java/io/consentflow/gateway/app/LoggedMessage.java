package io.consentflow.gateway.app;

import java.time.Instant;
import java.util.List;

/**
 * One request as the message log holds it, for staff timelines, the Art. 15 export and campaign reports.
 *
 * @param state    CLAIMED, CALLING once the call was recorded, then the outcome's type (SENT, FAILED, AMBIGUOUS,
 *                 BLOCKED)
 * @param outcome  the stored outcome, null while there is none
 * @param timeline claimed, the outcome if stored, then the delivery statuses in the order they were reported
 */
public record LoggedMessage(String requestId, String subjectId, String contactKey, String category, String purpose,
        String template, String campaignId, String state, String wamid, Outcome outcome, List<Entry> timeline) {

    /** @param reason a BLOCKED outcome's reason; @param errorCode a FAILED outcome's Cloud API error code */
    public record Outcome(Instant at, String reason, String errorCode) {
    }

    public record Entry(Instant at, String kind, String detail) {
    }
}
