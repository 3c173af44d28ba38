package io.consentflow.consent.domain;

import io.consentflow.consent.domain.DomainEvent.PreferencesChanged;
import io.consentflow.consent.domain.DomainEvent.SubjectErased;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Art. 17 or a retention deadline: the personal data goes at once and the document disappears once the relay has
 * published SubjectErased (the receipt) and the consent-state tombstone. PENDING_OPT_IN only drops the pending opt-in
 * of a subject that has a consent history worth keeping. The end of one purpose (a PURPOSE_END deadline) removes
 * that purpose only; the subject is erased only when no purpose, granted or pending, is left.
 */
final class Erasure {

    private Erasure() {
    }

    static void erase(Subject subject, String erasureId, ErasureScope scope, String purpose, Instant now) {
        if (purpose != null && scope == ErasureScope.SUBJECT) {
            endPurpose(subject, erasureId, purpose, now);
            return;
        }
        erase(subject, erasureId, scope, now);
    }

    private static void erase(Subject subject, String erasureId, ErasureScope scope, Instant now) {
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
            subject.enqueue(erased(subject, erasureId, scope, null, false, now));
            return;
        }
        subject.erasePersonalData();
        subject.enqueue(erased(subject, erasureId, scope, null, true, now));
        subject.enqueue(EventFactory.tombstone(subject));
    }

    /**
     * The purpose goes from the consent and from a pending opt-in (with the pending request and its evidence when
     * nothing new is left to confirm); the change is published (PreferencesChanged and a snapshot, so every gateway
     * refuses queued sends for the purpose with PURPOSE_NOT_GRANTED) and receipted with the purpose named.
     */
    private static void endPurpose(Subject subject, String erasureId, String purpose, Instant now) {
        Set<String> before = subject.purposes();
        PendingOptIn pending = subject.pending();
        boolean granted = before.contains(purpose);
        boolean asked = pending != null && pending.purposes().contains(purpose);
        if (!granted && !asked) {
            // nothing serves the purpose here
            subject.enqueue(erased(subject, erasureId, ErasureScope.SUBJECT, purpose, false, now));
            return;
        }
        Set<String> after = new TreeSet<>(before);
        after.remove(purpose);
        PendingOptIn narrowed = asked ? without(pending, purpose, after) : pending;
        if (after.isEmpty() && narrowed == null) {
            erase(subject, erasureId, ErasureScope.SUBJECT, now); // no purpose left: the whole subject goes
            return;
        }
        if (asked) {
            subject.pending(narrowed);
            if (narrowed == null) {
                subject.removeEvidence(pending.optInId());
            }
        }
        subject.purposes(after);
        if (after.isEmpty()) {
            subject.status(SubjectStatus.PENDING); // only a pending request for other purposes is left
        }
        if (granted) {
            subject.enqueue(new PreferencesChanged(EventFactory.newId(), now, subject.subjectId(),
                    EventFactory.sorted(before), EventFactory.sorted(after), false));
        }
        subject.enqueue(EventFactory.snapshot(subject, now));
        subject.record(now, "PurposeEnded", "purpose=" + purpose + " remaining=" + after);
        subject.enqueue(erased(subject, erasureId, ErasureScope.SUBJECT, purpose, false, now));
    }

    /** The pending opt-in without the purpose, or null when it would ask for nothing that is not granted already. */
    private static PendingOptIn without(PendingOptIn pending, String purpose, Set<String> granted) {
        Set<String> rest = new TreeSet<>(pending.purposes());
        rest.remove(purpose);
        if (granted.containsAll(rest)) {
            return null;
        }
        return new PendingOptIn(pending.optInId(), rest, pending.tokenHash(), pending.requestedAt(),
                pending.expiresAt(), pending.source(), pending.locale(), !granted.isEmpty(), pending.evidenceDigest());
    }

    /** The receipt for a subject that is gone already (erased or expired before): nothing of it stays. */
    static SubjectErased receipt(String subjectId, String erasureId, ErasureScope scope, Instant now) {
        return receipt(subjectId, erasureId, scope, null, true, now);
    }

    private static SubjectErased receipt(String subjectId, String erasureId, ErasureScope scope, String purpose,
            boolean removed, Instant now) {
        return new SubjectErased(EventFactory.newId(), now, subjectId, erasureId, scope, purpose, removed);
    }

    private static SubjectErased erased(Subject subject, String erasureId, ErasureScope scope, String purpose,
            boolean removed, Instant now) {
        return receipt(subject.subjectId(), erasureId, scope, purpose, removed, now);
    }
}
