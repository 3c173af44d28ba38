package io.consentflow.retention.domain;

import java.time.Instant;
import java.util.List;

/**
 * What retention needs from a consent or message event: no phone numbers, no texts, only ids, times and purposes.
 *
 * @param purposes  OptInConfirmed: all granted purposes; PreferencesChanged: purposes after the change;
 *                  SubjectErased, MessageLogErased: the one purpose erased when only it was (the subject remains),
 *                  empty when the whole scope was
 * @param erasureId receipts only: the ErasureRequested they answer, or null
 * @param scope     SubjectErased only: what consent-service erased
 * @param pending   PreferencesChanged only: widening still waits for a confirmation
 */
public record RetentionEvent(Type type, String eventId, String subjectId, Instant occurredAt, List<String> purposes,
        String erasureId, DeadlineKind.Scope scope, boolean pending) {

    public enum Type {
        OPT_IN_REQUESTED, OPT_IN_CONFIRMED, OPT_IN_EXPIRED, STOP_RECEIVED, PREFERENCES_CHANGED, SUBJECT_ERASED,
        MESSAGE_RECORDED, MESSAGE_LOG_ERASED
    }

    public RetentionEvent {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
    }

    /** A receipt for the end of one purpose only: the subject and the rest of its data remain. */
    public boolean purposeOnly() {
        return (type == Type.SUBJECT_ERASED || type == Type.MESSAGE_LOG_ERASED) && !purposes.isEmpty();
    }

    public static RetentionEvent of(Type type, String eventId, String subjectId, Instant occurredAt) {
        return new RetentionEvent(type, eventId, subjectId, occurredAt, List.of(), null, null, false);
    }

    /**
     * Whether a second delivery must be recognised by its eventId ({@code processed_events}). A message recorded only
     * moves the subject's message-log deadline later (EXTEND keeps the later of the two): applying it again changes
     * nothing, so the one event of every send is not remembered (one insert and one lookup per send saved). Its only
     * non-repeatable effect, a new deadline cycle once the log was erased, needs the message's own record read again
     * after that erasure's receipt, which comes later on the same partition (message-events is keyed by subjectId) and
     * so is read again after it; a cycle opened anyway ends in an erasure of a log the gateway no longer holds,
     * receipted like any other.
     */
    public boolean rememberedById() {
        return type != Type.MESSAGE_RECORDED;
    }

    /** The receipt type this event is, or null. OptInExpired answers a pending opt-in erasure like SubjectErased. */
    public String receiptType() {
        return switch (type) {
            case SUBJECT_ERASED -> DeadlineKind.Receipts.SUBJECT_ERASED;
            case MESSAGE_LOG_ERASED -> DeadlineKind.Receipts.MESSAGE_LOG_ERASED;
            case OPT_IN_EXPIRED -> DeadlineKind.Receipts.OPT_IN_EXPIRED;
            default -> null;
        };
    }
}
