package io.consentflow.consent.domain;

import io.consentflow.consent.domain.DomainEvent.StopReceived;
import io.consentflow.rules.inbound.InboundReading;
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
        subject.enqueue(new StopReceived(EventFactory.newId(), now, subject.subjectId(), trigger, scope,
                EventFactory.sorted(withdrawn), language));
        subject.enqueue(EventFactory.snapshot(subject, now));
        if (reply) {
            subject.enqueue(EventFactory.serviceText(subject,
                    Texts.stopConfirmation(replyLanguage(language, subject)), now));
        }
        subject.record(now, "StopReceived", "trigger=" + trigger + " scope=" + scope + " withdrawn=" + withdrawn);
        return true;
    }

    /**
     * An erasure request in the chat withdraws everything at once, like STOP, and is acknowledged with its own reply
     * (staff confirm the erasure itself). False for a contact with nothing to withdraw or erase.
     */
    boolean erasureRequested(Subject subject, String language, Instant now) {
        if (subject.status() == SubjectStatus.ERASED || subject.status() == SubjectStatus.NEW) {
            return false;
        }
        stop(subject, StopTrigger.KEYWORD, StopScope.ALL, language, false, now);
        subject.enqueue(EventFactory.serviceText(subject,
                Texts.erasureAcknowledgement(replyLanguage(language, subject)), now));
        subject.record(now, "ErasureRequestedInChat", "awaiting staff confirmation");
        return true;
    }

    /**
     * A message that mentions unsubscribing without clearly doing so gets one reply with a one-tap unsubscribe button,
     * so withdrawing stays one tap; only for a contact who has something to withdraw.
     */
    boolean offerUnsubscribe(Subject subject, String language, Instant now) {
        if (subject.status() != SubjectStatus.CONFIRMED && subject.status() != SubjectStatus.PENDING) {
            return false;
        }
        String lang = replyLanguage(language, subject);
        subject.enqueue(EventFactory.serviceText(subject, Texts.unsubscribeOffer(lang),
                InboundReading.UNSUBSCRIBE_PAYLOAD, Texts.unsubscribeButton(lang), now));
        subject.record(now, "UnsubscribeOffered", "an unclear message mentioned unsubscribing");
        return true;
    }

    /** The first of: the language the person wrote in, the subject's own, the configured fallback, that has replies. */
    private String replyLanguage(String language, Subject subject) {
        return Texts.hasReplies(language) ? language
                : Texts.hasReplies(subject.locale()) ? subject.locale() : policy.replyFallbackLanguage();
    }

    /** Meta's {@code resume}: the flag clears, but consent returns only through a new double opt-in. */
    static void clearMetaMarketingStop(Subject subject, Instant now) {
        if (subject.marketingStoppedAtMeta() && subject.status() != SubjectStatus.ERASED) {
            subject.marketingStoppedAtMeta(false);
            subject.enqueue(EventFactory.snapshot(subject, now));
        }
    }
}
