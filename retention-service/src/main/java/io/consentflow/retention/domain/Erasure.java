package io.consentflow.retention.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ErasureRequested and the receipts that answer it. Done only when every required receipt has arrived; overdue
 * when that has not happened by {@code overdueAt} (requested + grace).
 *
 * @param receipts receipt type -> eventId of the receipt
 */
public record Erasure(String erasureId, String commandEventId, String subjectId, DeadlineKind kind,
        DeadlineKind.Scope scope, DeadlineKind.Reason reason, String purpose, Instant dueAt, Instant requestedAt,
        List<String> requiredReceipts, Map<String, String> receipts, Status status, Instant overdueAt,
        Instant completedAt, boolean overdueReported, long version) {

    public enum Status { AWAITING_RECEIPTS, DONE }

    public Erasure {
        requiredReceipts = List.copyOf(requiredReceipts);
        receipts = Map.copyOf(receipts);
    }

    /** The command for a deadline that fell due. */
    public static Erasure requested(Deadline deadline, String commandEventId, Instant now, Duration grace) {
        DeadlineKind kind = deadline.key().kind();
        return new Erasure(deadline.erasureId(), commandEventId, deadline.key().subjectId(), kind, kind.scope(),
                deadline.reason(), deadline.key().purpose(), deadline.dueAt(), now, kind.requiredReceipts(), Map.of(),
                Status.AWAITING_RECEIPTS, now.plus(grace), null, false, 0);
    }

    /**
     * Whether a receipt of this type answers this erasure. OptInExpired counts as SubjectErased for a pending opt-in:
     * consent-service deletes expired requests on its own schedule and says so with that event.
     */
    public boolean awaits(String receiptType) {
        if (status != Status.AWAITING_RECEIPTS) {
            return false;
        }
        String counted = counted(receiptType);
        return counted != null && requiredReceipts.contains(counted) && !receipts.containsKey(counted);
    }

    public Erasure withReceipt(String receiptType, String receiptEventId, Instant now) {
        if (!awaits(receiptType)) {
            return this;
        }
        Map<String, String> next = new LinkedHashMap<>(receipts);
        next.put(counted(receiptType), receiptEventId);
        boolean done = next.keySet().containsAll(requiredReceipts);
        return new Erasure(erasureId, commandEventId, subjectId, kind, scope, reason, purpose, dueAt, requestedAt,
                requiredReceipts, next, done ? Status.DONE : status, overdueAt, done ? now : null, overdueReported,
                version);
    }

    public List<String> missingReceipts() {
        List<String> missing = new ArrayList<>(requiredReceipts);
        missing.removeAll(receipts.keySet());
        return missing;
    }

    public boolean overdue(Instant now) {
        return status == Status.AWAITING_RECEIPTS && !now.isBefore(overdueAt);
    }

    private String counted(String receiptType) {
        if (DeadlineKind.Receipts.OPT_IN_EXPIRED.equals(receiptType)) {
            return scope == DeadlineKind.Scope.PENDING_OPT_IN ? DeadlineKind.Receipts.SUBJECT_ERASED : null;
        }
        return receiptType;
    }
}
