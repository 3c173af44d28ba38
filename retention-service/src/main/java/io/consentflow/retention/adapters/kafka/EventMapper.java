package io.consentflow.retention.adapters.kafka;

import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageLogErased;
import io.consentflow.events.MessageSent;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.OptInExpired;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.PreferencesChanged;
import io.consentflow.events.StopReceived;
import io.consentflow.events.SubjectErased;
import io.consentflow.retention.domain.DeadlineKind;
import io.consentflow.retention.domain.RetentionEvent.Type;
import io.consentflow.retention.domain.RetentionEvent;
import io.consentflow.schemas.Events;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Avro event -> the ids, times and purposes retention needs; everything else (and any personal data) is dropped. */
final class EventMapper {

    private EventMapper() {
    }

    static Optional<RetentionEvent> toRetentionEvent(SpecificRecord value) {
        String subjectId = Events.subjectId(value);
        if (subjectId == null || subjectId.isBlank()) {
            return Optional.empty(); // e.g. a message event for an unknown recipient: nothing of a subject to keep
        }
        return Optional.ofNullable(map(value, subjectId));
    }

    private static RetentionEvent map(SpecificRecord value, String subjectId) {
        if (value instanceof OptInRequested) {
            return simple(Type.OPT_IN_REQUESTED, value);
        } else if (value instanceof OptInConfirmed e) {
            return withPurposes(Type.OPT_IN_CONFIRMED, value, e.getPurposes(), false);
        } else if (value instanceof OptInExpired) {
            return simple(Type.OPT_IN_EXPIRED, value);
        } else if (value instanceof StopReceived) {
            return simple(Type.STOP_RECEIVED, value);
        } else if (value instanceof PreferencesChanged e) {
            return withPurposes(Type.PREFERENCES_CHANGED, value, e.getPurposesAfter(), e.getPendingConfirmation());
        } else if (value instanceof SubjectErased e) {
            return new RetentionEvent(Type.SUBJECT_ERASED, Events.eventId(value), subjectId, Events.occurredAt(value),
                    purpose(e.getPurpose()), e.getErasureId(), scope(e.getScope().name()), false);
        } else if (value instanceof MessageLogErased e) {
            return new RetentionEvent(Type.MESSAGE_LOG_ERASED, Events.eventId(value), subjectId,
                    Events.occurredAt(value), purpose(e.getPurpose()), e.getErasureId(), null, false);
        } else if (value instanceof MessageSent || value instanceof MessageBlocked || value instanceof MessageFailed) {
            return simple(Type.MESSAGE_RECORDED, value);
        }
        return null; // status updates and anything newer: no deadline depends on them
    }

    private static RetentionEvent simple(Type type, SpecificRecord value) {
        return RetentionEvent.of(type, Events.eventId(value), Events.subjectId(value), Events.occurredAt(value));
    }

    private static RetentionEvent withPurposes(Type type, SpecificRecord value, List<String> purposes,
            boolean pending) {
        return new RetentionEvent(type, Events.eventId(value), Events.subjectId(value), Events.occurredAt(value),
                purposes, null, null, pending);
    }

    private static List<String> purpose(String purpose) {
        return purpose == null ? List.of() : List.of(purpose);
    }

    private static DeadlineKind.Scope scope(String name) {
        try {
            return DeadlineKind.Scope.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null; // UNKNOWN: treated as an erasure of the subject's consent data
        }
    }
}
