package io.consentflow.retention.domain;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * A subject's deadline for one data kind. SCHEDULED until due; a scheduler replica claims it (FIRING, with owner and
 * lease) and, once ErasureRequested is on the broker, marks it FIRED. erasureId belongs to the current cycle: it is
 * fixed when the cycle starts, so a command re-sent after a crashed replica carries the same id.
 */
public record Deadline(DeadlineKey key, Status status, Instant dueAt, DeadlineKind.Reason reason, String erasureId,
        String lastEventId, Instant updatedAt, long version) {

    public enum Status { SCHEDULED, FIRING, FIRED, CANCELLED, COMPLETED }

    public boolean open() {
        return status == Status.SCHEDULED;
    }

    /**
     * The deadline after the instruction, or this one when nothing changes. A SCHEDULE on a deadline that already
     * fired, was cancelled or completed starts a new cycle with a new erasureId; so does an EXTEND, unless its due
     * time is not after the ended cycle's: the event was covered by that cycle (EXTEND always kept the latest), so
     * applying it again, as a redelivery does, changes nothing.
     */
    public static Deadline apply(Deadline current, Instruction instruction, String eventId, Instant now,
            Supplier<String> newErasureId) {
        boolean open = current != null && current.open();
        long version = current == null ? 0 : current.version();
        return switch (instruction.action()) {
            case SCHEDULE, EXTEND -> {
                if (open) {
                    Instant due = instruction.action() == Instruction.Action.EXTEND
                            && current.dueAt().isAfter(instruction.dueAt()) ? current.dueAt() : instruction.dueAt();
                    // stored to the millisecond: a due time equal to it at that precision moves nothing
                    if (due.toEpochMilli() == current.dueAt().toEpochMilli()
                            && instruction.reason() == current.reason()) {
                        yield current;
                    }
                    yield new Deadline(current.key(), Status.SCHEDULED, due, instruction.reason(),
                            current.erasureId(), eventId, now, version);
                }
                if (current != null && instruction.action() == Instruction.Action.EXTEND
                        && instruction.dueAt().toEpochMilli() <= current.dueAt().toEpochMilli()) {
                    // an event the ended cycle already covered (a message before the log's erasure, read again)
                    yield current;
                }
                yield new Deadline(instruction.key(), Status.SCHEDULED, instruction.dueAt(), instruction.reason(),
                        newErasureId.get(), eventId, now, version);
            }
            case CANCEL -> open ? current.withStatus(Status.CANCELLED, eventId, now) : current;
            case COMPLETE -> open ? current.withStatus(Status.COMPLETED, eventId, now) : current;
        };
    }

    private Deadline withStatus(Status next, String eventId, Instant now) {
        return new Deadline(key, next, dueAt, reason, erasureId, eventId, now, version);
    }
}
