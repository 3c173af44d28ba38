package io.consentflow.consent.domain;


/** An ErasureRequested of retention-commands; {@code purpose} set when a retention deadline ends one purpose. */
public record ErasureRequest(String eventId, String erasureId, String subjectId, ErasureScope scope,
        String purpose) {
}
