package io.consentflow.audit.app;

import java.time.Instant;

/** Filters of the entries listing; null means "any". */
public record EntryQuery(String subjectId, String type, Instant from, Instant to, int page, int size) {
}
