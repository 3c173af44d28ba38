package io.consentflow.consent.domain;

import io.consentflow.events.StopReceived;
import io.consentflow.events.StopScope;
import io.consentflow.events.StopTrigger;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Withdrawal, the STOP half of the state machine: as easy as consent (one word, no login), at once, and never undone
 * except by a new double opt-in. Kept apart from {@link ConsentLifecycle} so each stays readable.
 */
final class Withdrawals {

    private final ConsentPolicy policy;

    Withdrawals(ConsentPolicy policy) {
        this.policy = policy;
    }

    /**
     * Withdraws consent at once. Scope ALL ends every purpose and any pending opt-in; MARKETING ends the marketing
     * purposes only. {@code reply} sends the one confirmation message. Returns false when nothing changed.
     */
    boolean stop(Subject subject, StopTrigger trigger, StopScope scope, String language, boolean reply,
            Instant now) {
        if (subject.status() == SubjectStatus.ERASED || subject.status() == SubjectStatus.NEW) {
            return false;
        }
        boolean metaFlag = trigger == StopTrigger.META_USER_PREFERENCE || trigger == StopTrigger.SEND_ERROR_131050;
        Set<String> withdrawn = new TreeSet<>();
        Set<String> remaining = new TreeSet<>();
        for (String purpose : subject.purposes()) {
            (scope == StopScope.MARKETING && !policy.isMarketing(purpose) ? remaining : withdrawn).add(purpose);
        }
        PendingOptIn pending = subject.pending();
        if (pending != null) {
            pending.purposes().stream().filter(p -> !remaining.contains(p)).forEach(withdrawn::add);
            subject.pending(null);
            subject.removeEvidence(pending.optInId());
        }
        boolean flagChanged = metaFlag && !subject.marketingStoppedAtMeta();
        if (withdrawn.isEmpty() && pending == null && subject.status() != SubjectStatus.PENDING) {
            if (flagChanged) {
                subject.marketingStoppedAtMeta(true);
                subject.enqueue(EventFactory.snapshot(subject, now));
            }
            return flagChanged;
        }
        subject.marketingStoppedAtMeta(subject.marketingStoppedAtMeta() || metaFlag);
        subject.purposes(remaining);
        subject.status(remaining.isEmpty() ? SubjectStatus.STOPPED : SubjectStatus.CONFIRMED);
        subject.stoppedAt(now);
        String eventId = EventFactory.newId();
        subject.enqueue(EventFactory.consentEvent(subject, StopReceived.newBuilder().setEventId(eventId)
                .setOccurredAt(now).setProducer(EventFactory.PRODUCER).setSubjectId(subject.subjectId())
                .setTrigger(trigger).setScope(scope).setPurposesWithdrawn(EventFactory.sorted(withdrawn))
                .setLanguage(language).build(), eventId));
        subject.enqueue(EventFactory.snapshot(subject, now));
        if (reply) {
            subject.enqueue(EventFactory.serviceText(subject,
                    Texts.stopConfirmation(language != null ? language : subject.locale()), now));
        }
        subject.record(now, "StopReceived", "trigger=" + trigger + " scope=" + scope + " withdrawn=" + withdrawn);
        return true;
    }

    /** Meta's {@code resume}: the flag clears, but consent returns only through a new double opt-in. */
    static void clearMetaMarketingStop(Subject subject, Instant now) {
        if (subject.marketingStoppedAtMeta() && subject.status() != SubjectStatus.ERASED) {
            subject.marketingStoppedAtMeta(false);
            subject.enqueue(EventFactory.snapshot(subject, now));
        }
    }
}
