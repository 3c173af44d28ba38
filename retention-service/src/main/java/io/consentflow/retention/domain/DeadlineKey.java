package io.consentflow.retention.domain;

/** One deadline per subject and data kind; purpose-end deadlines are per purpose. */
public record DeadlineKey(String subjectId, DeadlineKind kind, String purpose) {

    public static DeadlineKey of(String subjectId, DeadlineKind kind) {
        return new DeadlineKey(subjectId, kind, null);
    }

    public String id() {
        return subjectId + "|" + kind + (purpose == null ? "" : "|" + purpose);
    }
}
