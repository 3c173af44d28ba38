package io.consentflow.retention.domain;

import java.time.Instant;

/** What one event does to one deadline. */
public record Instruction(DeadlineKey key, Action action, Instant dueAt, DeadlineKind.Reason reason) {

    public enum Action {
        /** set the deadline to dueAt (a new request restarts the clock) */
        SCHEDULE,
        /** move the deadline to dueAt when that is later (the last message / confirmation counts) */
        EXTEND,
        /** the deadline no longer applies */
        CANCEL,
        /** the owning service already deleted the data (e.g. OptInExpired) */
        COMPLETE
    }

    static Instruction schedule(DeadlineKey key, Instant dueAt) {
        return new Instruction(key, Action.SCHEDULE, dueAt, key.kind().defaultReason());
    }

    static Instruction extend(DeadlineKey key, Instant dueAt) {
        return new Instruction(key, Action.EXTEND, dueAt, key.kind().defaultReason());
    }

    static Instruction cancel(DeadlineKey key) {
        return new Instruction(key, Action.CANCEL, null, null);
    }

    static Instruction complete(DeadlineKey key) {
        return new Instruction(key, Action.COMPLETE, null, null);
    }
}
