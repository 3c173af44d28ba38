package io.consentflow.localinfra.send;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's answer to {@code GET /api/v1/messages/{requestId}} (messaging-gateway's MessageTimelineController):
 * {@code state} is CLAIMED until the request is decided, then the outcome (SENT, BLOCKED, FAILED, AMBIGUOUS); the
 * timeline holds the claim, the outcome and the delivery statuses (STATUS_DELIVERED, ...). Fields this tool does not
 * read may be added by the gateway without breaking it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Timeline(String requestId, String subjectId, String category, String purpose, String template,
        String campaignId, String state, String wamid, List<Entry> timeline) {

    static final String CLAIMED = "CLAIMED";

    Timeline {
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** One line of the timeline; {@code at} stays text so an unexpected date format cannot fail the whole answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(String at, String kind, String detail) {
    }

    /** True once the gateway has stored an outcome: every state but CLAIMED is one. */
    boolean decided() {
        return state != null && !state.isBlank() && !CLAIMED.equals(state);
    }

    /** The timeline entry of the outcome, which carries its detail (the block reason, the error code ...). */
    Optional<Entry> outcomeEntry() {
        return timeline.stream().filter(e -> state != null && state.equals(e.kind())).findFirst();
    }
}
