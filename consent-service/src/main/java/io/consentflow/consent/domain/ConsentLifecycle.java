package io.consentflow.consent.domain;

import io.consentflow.consent.domain.DomainEvent.OptInConfirmed;
import io.consentflow.consent.domain.DomainEvent.OptInExpired;
import io.consentflow.consent.domain.DomainEvent.OptInRequested;
import io.consentflow.consent.domain.DomainEvent.PreferencesChanged;
import io.consentflow.consent.domain.DomainEvent.SubjectErased;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The consent state machine: pending → confirmed → stopped → (new double opt-in) → confirmed; pending → expired;
 * any → erased. Each transition changes the subject and appends its events to the subject's outbox, so the caller
 * persists both in one document write.
 */
public final class ConsentLifecycle {

    public enum ConfirmResult { CONFIRMED, NOTHING_PENDING, WRONG_TOKEN, EXPIRED }

    private final ConsentPolicy policy;
    private final Withdrawals withdrawals;

    public ConsentLifecycle(ConsentPolicy policy) {
        this.policy = policy;
        this.withdrawals = new Withdrawals(policy);
    }

    public ConsentPolicy policy() {
        return policy;
    }

    /**
     * Starts a double opt-in for {@code purposes}. A confirmed subject asking only for purposes it already has gets
     * nothing; one asking for more gets a pending widening. Returns the token sent to the phone.
     */
    public Optional<ConfirmationToken> requestOptIn(Subject subject, Set<String> purposes, OptInSource source,
            String locale, Evidence evidence, Instant now) {
        requireKnown(purposes);
        if (purposes.isEmpty() || subject.status() == SubjectStatus.ERASED) {
            throw new IllegalArgumentException("an opt-in needs at least one purpose and a live subject");
        }
        boolean confirmed = subject.status() == SubjectStatus.CONFIRMED;
        if (confirmed && subject.purposes().containsAll(purposes)) {
            return Optional.empty();
        }
        Set<String> wanted = new TreeSet<>(purposes);
        if (confirmed) {
            wanted.addAll(subject.purposes());
        }
        if (subject.pending() != null) {
            subject.removeEvidence(subject.pending().optInId());
        }
        String optInId = EventFactory.newId();
        Evidence stored = evidence.forOptIn(optInId);
        String digest = stored.digest(subject.subjectId());
        ConfirmationToken token = ConfirmationToken.generate();
        Instant expiresAt = now.plus(policy.optInTtl());
        subject.locale(locale);
        subject.addEvidence(stored);
        subject.pending(new PendingOptIn(optInId, wanted, token.hash(), now, expiresAt, source.name(), locale,
                confirmed, digest));
        subject.enqueue(new OptInRequested(EventFactory.newId(), now, subject.subjectId(), optInId,
                EventFactory.sorted(wanted), source, String.valueOf(evidence.noticeVersion()),
                evidence.consentTextHash(), digest, locale, expiresAt));
        subject.enqueue(source == OptInSource.WHATSAPP
                ? EventFactory.chatOptIn(subject, evidence.consentText(), token, locale, now, expiresAt)
                : EventFactory.confirmationTemplate(subject, policy, token, locale, now, expiresAt));
        subject.record(now, "OptInRequested", "purposes=" + wanted + " source=" + source);
        if (!confirmed && subject.status() != SubjectStatus.PENDING) {
            subject.status(SubjectStatus.PENDING);
            subject.enqueue(EventFactory.snapshot(subject, now));
        }
        return Optional.of(token);
    }

    /** Confirms the pending opt-in; {@code token} is null for a text reply, which the number itself proves. */
    public ConfirmResult confirm(Subject subject, String token, ConfirmationMethod method, Instant now) {
        return confirm(subject, token, method, now, null);
    }

    /**
     * As {@link #confirm(Subject, String, ConfirmationMethod, Instant)}; {@code messageId} is the wamid of the WhatsApp
     * message that confirmed, kept in the history with the opt-in id for the proof of consent (null for the web page).
     */
    public ConfirmResult confirm(Subject subject, String token, ConfirmationMethod method, Instant now,
            String messageId) {
        PendingOptIn pending = subject.pending();
        if (pending == null) {
            return ConfirmResult.NOTHING_PENDING;
        }
        if (token != null && !ConfirmationToken.hashOf(token).equals(pending.tokenHash())) {
            return ConfirmResult.WRONG_TOKEN;
        }
        if (pending.expiredAt(now)) {
            return ConfirmResult.EXPIRED;
        }
        Set<String> before = subject.purposes();
        subject.purposes(pending.purposes());
        subject.status(SubjectStatus.CONFIRMED);
        subject.confirmedAt(now);
        subject.pending(null);
        subject.enqueue(new OptInConfirmed(EventFactory.newId(), now, subject.subjectId(), pending.optInId(),
                EventFactory.sorted(pending.purposes()), EventFactory.method(method), pending.evidenceDigest()));
        if (pending.widening()) {
            preferencesChanged(subject, before, pending.purposes(), false, now);
        }
        subject.enqueue(EventFactory.snapshot(subject, now));
        subject.record(now, "OptInConfirmed", "purposes=" + pending.purposes() + " method=" + method
                + " optInId=" + pending.optInId() + (messageId == null ? "" : " wamid=" + messageId));
        return ConfirmResult.CONFIRMED;
    }

    /**
     * Ends an unconfirmed opt-in after its deadline and deletes its data. A subject that never had consent is erased
     * entirely (nothing about it may stay); otherwise it returns to the state it had.
     */
    public boolean expire(Subject subject, Instant now) {
        PendingOptIn pending = subject.pending();
        if (pending == null || !pending.expiredAt(now)) {
            return false;
        }
        subject.pending(null);
        subject.removeEvidence(pending.optInId());
        boolean neverConsented = !pending.widening() && subject.stoppedAt() == null && subject.confirmedAt() == null;
        subject.enqueue(new OptInExpired(EventFactory.newId(), now, subject.subjectId(), pending.optInId(),
                neverConsented));
        subject.record(now, "OptInExpired", "optInId=" + pending.optInId());
        if (pending.widening()) {
            return true;
        }
        if (neverConsented) {
            subject.status(SubjectStatus.EXPIRED);
        } else {
            subject.status(subject.purposes().isEmpty() ? SubjectStatus.STOPPED : SubjectStatus.CONFIRMED);
        }
        subject.enqueue(EventFactory.snapshot(subject, now));
        if (neverConsented) {
            subject.erasePersonalData();
            subject.enqueue(EventFactory.tombstone(subject));
        }
        return true;
    }

    /**
     * Withdraws consent at once (STOP keyword, button, Meta preference, 131050, staff); see {@link Withdrawals#stop}.
     * Returns false when nothing changed.
     */
    public boolean stop(Subject subject, StopTrigger trigger, StopScope scope, String language, boolean reply,
            Instant now) {
        return withdrawals.stop(subject, trigger, scope, language, reply, now);
    }

    /** An Art. 17 request in the chat; see {@link Withdrawals#erasureRequested}. */
    public boolean erasureRequested(Subject subject, String language, Instant now) {
        return withdrawals.erasureRequested(subject, language, now);
    }

    /** One reply with a one-tap unsubscribe button; see {@link Withdrawals#offerUnsubscribe}. */
    public boolean offerUnsubscribe(Subject subject, String language, Instant now) {
        return withdrawals.offerUnsubscribe(subject, language, now);
    }

    /** Meta's {@code resume}: the flag clears, but consent returns only through a new double opt-in. */
    public void clearMetaMarketingStop(Subject subject, Instant now) {
        Withdrawals.clearMetaMarketingStop(subject, now);
    }

    /** Narrowing takes effect at once; any added purpose waits for a confirmation in WhatsApp. */
    public Optional<ConfirmationToken> changePreferences(Subject subject, Set<String> wanted, Evidence evidence,
            Instant now) {
        requireKnown(wanted);
        if (subject.status() != SubjectStatus.CONFIRMED) {
            throw new ConsentRuleViolation("preferences can only change for a confirmed consent");
        }
        Set<String> before = subject.purposes();
        Set<String> kept = new TreeSet<>(before);
        kept.retainAll(wanted);
        Set<String> added = new TreeSet<>(wanted);
        added.removeAll(before);
        if (!kept.equals(before)) {
            subject.purposes(kept);
            if (kept.isEmpty()) {
                subject.status(SubjectStatus.STOPPED);
                subject.stoppedAt(now);
            }
            preferencesChanged(subject, before, kept, !added.isEmpty(), now);
            subject.enqueue(EventFactory.snapshot(subject, now));
        }
        if (added.isEmpty()) {
            return Optional.empty();
        }
        return requestOptIn(subject, wanted, OptInSource.API, subject.locale(), evidence, now);
    }

    /** Art. 17 or a retention deadline; see {@link Erasure}. */
    public void erase(Subject subject, String erasureId, ErasureScope scope, Instant now) {
        Erasure.erase(subject, erasureId, scope, null, now);
    }

    /**
     * A retention deadline for one purpose ({@code purpose} set, scope SUBJECT) removes that purpose only and erases
     * the subject only when nothing is left; without a purpose it is
     * {@link #erase(Subject, String, ErasureScope, Instant)}.
     */
    public void erase(Subject subject, String erasureId, ErasureScope scope, String purpose, Instant now) {
        Erasure.erase(subject, erasureId, scope, purpose, now);
    }

    /** The SubjectErased receipt for a subject that no longer exists here (an earlier erasure or expiry). */
    public static SubjectErased receiptForUnknown(String subjectId, String erasureId, ErasureScope scope,
            Instant now) {
        return Erasure.receipt(subjectId, erasureId, scope, now);
    }

    private void preferencesChanged(Subject subject, Set<String> before, Set<String> after, boolean pending,
            Instant now) {
        subject.enqueue(new PreferencesChanged(EventFactory.newId(), now, subject.subjectId(),
                EventFactory.sorted(before), EventFactory.sorted(after), pending));
        subject.record(now, "PreferencesChanged", before + " -> " + after + (pending ? " (widening pending)" : ""));
    }

    private void requireKnown(Set<String> purposes) {
        if (!policy.unknown(purposes).isEmpty()) {
            throw new IllegalArgumentException("unknown purpose");
        }
    }
}
