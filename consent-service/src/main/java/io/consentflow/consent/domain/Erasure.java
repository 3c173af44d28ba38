package io.consentflow.consent.domain;

import io.consentflow.events.ErasureScope;
import io.consentflow.events.SubjectErased;
import java.time.Instant;

/**
 * Art. 17 or a retention deadline: the personal data goes at once and the document disappears once the relay has
 * published SubjectErased (the receipt) and the consent-state tombstone. PENDING_OPT_IN only drops the pending opt-in
 * of a subject that has a consent history worth keeping.
 */
final class Erasure {

    private Erasure() {
    }

    static void erase(Subject subject, String erasureId, ErasureScope scope, Instant now) {
        if (scope == ErasureScope.PENDING_OPT_IN && (subject.confirmedAt() != null || subject.stoppedAt() != null)) {
            PendingOptIn pending = subject.pending();
            if (pending != null) {
                subject.pending(null);
                subject.removeEvidence(pending.optInId());
                if (subject.status() == SubjectStatus.PENDING) {
                    subject.status(subject.purposes().isEmpty() ? SubjectStatus.STOPPED : SubjectStatus.CONFIRMED);
                    subject.enqueue(EventFactory.snapshot(subject, now));
                }
            }
            subject.enqueue(erased(subject, erasureId, scope, now));
            return;
        }
        subject.erasePersonalData();
        subject.enqueue(erased(subject, erasureId, scope, now));
        subject.enqueue(EventFactory.tombstone(subject));
    }

    static SubjectErased receipt(String subjectId, String erasureId, ErasureScope scope, Instant now) {
        return SubjectErased.newBuilder().setEventId(EventFactory.newId()).setOccurredAt(now)
                .setProducer(EventFactory.PRODUCER).setSubjectId(subjectId).setErasureId(erasureId).setScope(scope)
                .build();
    }

    private static OutboxEntry erased(Subject subject, String erasureId, ErasureScope scope, Instant now) {
        SubjectErased event = receipt(subject.subjectId(), erasureId, scope, now);
        return EventFactory.consentEvent(subject, event, event.getEventId());
    }
}
