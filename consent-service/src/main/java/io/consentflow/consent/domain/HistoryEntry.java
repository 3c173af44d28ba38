package io.consentflow.consent.domain;

import java.time.Instant;

/** One step of a subject's consent history (event type and a detail without personal data). */
public record HistoryEntry(Instant at, String event, String detail) {
}
