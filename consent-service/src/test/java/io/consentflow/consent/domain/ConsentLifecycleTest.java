package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.consent.domain.ConsentLifecycle.ConfirmResult;
import io.consentflow.consent.domain.DomainEvent.MessageRequest;
import io.consentflow.consent.domain.DomainEvent.OptInConfirmed;
import io.consentflow.consent.domain.DomainEvent.OptInExpired;
import io.consentflow.consent.domain.DomainEvent.OptInRequested;
import io.consentflow.consent.domain.DomainEvent.PreferencesChanged;
import io.consentflow.consent.domain.DomainEvent.StateSnapshot;
import io.consentflow.consent.domain.DomainEvent.StateTombstone;
import io.consentflow.consent.domain.DomainEvent.SubjectErased;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentLifecycleTest extends LifecycleFixture {

    @Test
    void optInIsPendingWithEvidenceAndAsksForConfirmationWithANeutralTemplate() {
        ConfirmationToken token = optIn(Set.of("offers"), T0);

        assertThat(subject.status()).isEqualTo(SubjectStatus.PENDING);
        assertThat(subject.purposes()).isEmpty();
        assertThat(subject.pending().tokenHash()).isEqualTo(token.hash()).isNotEqualTo(token.value());
        assertThat(subject.pending().expiresAt()).isEqualTo(T0.plus(Duration.ofHours(48)));
        assertThat(subject.evidence()).singleElement().satisfies(e -> assertThat(e.optInId())
                .isEqualTo(subject.pending().optInId()));
        OptInRequested requested = queued(OptInRequested.class).get(0);
        assertThat(requested.purposes()).containsExactly("offers");
        assertThat(requested.noticeVersion()).isEqualTo("v7");
        assertThat(requested.evidenceDigest()).isEqualTo(subject.evidence().get(0).digest("subject-1"));
        MessageRequest send = queued(MessageRequest.class).get(0);
        assertThat(send.category()).isEqualTo(MessageCategory.UTILITY);
        assertThat(send.to()).isEqualTo(NUMBER);
        assertThat(send.subjectId()).isEqualTo("subject-1");
        assertThat(send.template().name()).isEqualTo("optin_confirmation");
        assertThat(send.template().language()).isEqualTo("de");
        assertThat(send.template().components().get(0).parameters().get(0).value()).isEqualTo("Musterladen");
        assertThat(send.template().components().get(1).subType()).isEqualTo("quick_reply");
        assertThat(send.template().components().get(1).parameters().get(0).value())
                .isEqualTo("CONFIRM:" + token.value());
        assertThat(lastSnapshot().status()).isEqualTo(SubjectStatus.PENDING);
        assertThat(queued(MessageRequest.class)).allSatisfy(e -> assertThat(e.to()).isEqualTo(NUMBER));
        assertThat(queued(StateSnapshot.class)).allSatisfy(e -> assertThat(e.contactKey()).isEqualTo("contact-key-1"));
    }

    @Test
    void tokensAreRandomAndLong() {
        ConfirmationToken a = ConfirmationToken.generate();
        ConfirmationToken b = ConfirmationToken.generate();
        assertThat(a.value()).isNotEqualTo(b.value()).hasSizeGreaterThanOrEqualTo(43);
    }

    @Test
    void confirmationWithTheTokenConfirmsOnceOnly() {
        ConfirmationToken token = optIn(Set.of("offers", "support"), T0);

        assertThat(lifecycle.confirm(subject, "wrong", ConfirmationMethod.QUICK_REPLY, T0)).isEqualTo(
                ConfirmResult.WRONG_TOKEN);
        assertThat(subject.status()).isEqualTo(SubjectStatus.PENDING);
        assertThat(lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0.plusSeconds(60)))
                .isEqualTo(ConfirmResult.CONFIRMED);

        assertThat(subject.status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(subject.purposes()).containsExactly("offers", "support");
        assertThat(queued(OptInConfirmed.class)).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo(ConfirmationMethod.QUICK_REPLY);
            assertThat(c.purposes()).containsExactly("offers", "support");
        });
        assertThat(lastSnapshot().status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(lastSnapshot().version()).isEqualTo(2);
        assertThat(lifecycle.confirm(subject, token.value(), ConfirmationMethod.WEB_PAGE, T0.plusSeconds(61)))
                .isEqualTo(ConfirmResult.NOTHING_PENDING);
    }

    @Test
    void anExpiredTokenDoesNotConfirm() {
        ConfirmationToken token = optIn(Set.of("offers"), T0);
        assertThat(lifecycle.confirm(subject, token.value(), ConfirmationMethod.WEB_PAGE, T0.plus(Duration.ofHours(48))))
                .isEqualTo(ConfirmResult.EXPIRED);
        assertThat(subject.status()).isEqualTo(SubjectStatus.PENDING);
    }

    @Test
    void aTextReplyConfirmsWithoutToken() {
        optIn(Set.of("offers"), T0);
        assertThat(lifecycle.confirm(subject, null, ConfirmationMethod.TEXT_REPLY, T0)).isEqualTo(
                ConfirmResult.CONFIRMED);
        assertThat(queued(OptInConfirmed.class).get(0).method()).isEqualTo(ConfirmationMethod.TEXT_REPLY);
    }

    @Test
    void anUnconfirmedOptInExpiresAndItsDataIsDeleted() {
        optIn(Set.of("offers"), T0);
        assertThat(lifecycle.expire(subject, T0.plus(Duration.ofHours(47)))).isFalse();
        assertThat(lifecycle.expire(subject, T0.plus(Duration.ofHours(48)))).isTrue();

        assertThat(queued(OptInExpired.class)).singleElement()
                .satisfies(e -> assertThat(e.subjectErased()).as("the audit shreds its salts on this").isTrue());
        assertThat(lastSnapshot().status()).isEqualTo(SubjectStatus.EXPIRED);
        assertThat(subject.status()).isEqualTo(SubjectStatus.ERASED);
        assertThat(subject.e164()).isNull();
        assertThat(subject.evidence()).isEmpty();
        assertThat(subject.pending()).isNull();
        assertThat(subject.queued()).as("the confirmation message no longer needs sending")
                .noneMatch(MessageRequest.class::isInstance);
        assertThat(subject.queued().get(subject.queued().size() - 1)).as("consent-state tombstone")
                .isInstanceOf(StateTombstone.class);
    }

    @Test
    void anExpiredReOptInReturnsToStoppedAndKeepsTheEarlierProof() {
        ConfirmationToken first = optIn(Set.of("offers"), T0);
        lifecycle.confirm(subject, first.value(), ConfirmationMethod.QUICK_REPLY, T0);
        lifecycle.stop(subject, StopTrigger.KEYWORD, StopScope.ALL, "de", true, T0);
        optIn(Set.of("offers"), T0.plusSeconds(100));

        assertThat(lifecycle.expire(subject, T0.plus(Duration.ofHours(49)))).isTrue();
        assertThat(queued(OptInExpired.class)).singleElement()
                .satisfies(e -> assertThat(e.subjectErased()).as("the earlier proof stays").isFalse());
        assertThat(subject.status()).isEqualTo(SubjectStatus.STOPPED);
        assertThat(subject.evidence()).hasSize(1);
        assertThat(subject.e164()).isEqualTo(NUMBER);
    }

    @Test
    void narrowingTakesEffectAtOnceAndWideningWaitsForConfirmation() {
        ConfirmationToken token = optIn(Set.of("offers", "new-collections"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);

        assertThat(lifecycle.changePreferences(subject, Set.of("offers"), evidence(), T0)).isEmpty();
        assertThat(subject.purposes()).containsExactly("offers");
        PreferencesChanged narrowed = queued(PreferencesChanged.class).get(0);
        assertThat(narrowed.purposesAfter()).containsExactly("offers");
        assertThat(narrowed.pendingConfirmation()).isFalse();

        ConfirmationToken widen = lifecycle.changePreferences(subject, Set.of("offers", "support"), evidence(), T0)
                .orElseThrow();
        assertThat(subject.purposes()).as("not yet widened").containsExactly("offers");
        assertThat(subject.status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(subject.pending().widening()).isTrue();
        lifecycle.confirm(subject, widen.value(), ConfirmationMethod.QUICK_REPLY, T0);
        assertThat(subject.purposes()).containsExactly("offers", "support");
        assertThat(queued(PreferencesChanged.class)).last().satisfies(p -> assertThat(p.purposesAfter())
                .containsExactly("offers", "support"));
    }

    @Test
    void preferencesOfAnUnconfirmedSubjectCannotChange() {
        optIn(Set.of("offers"), T0);
        assertThatThrownBy(() -> lifecycle.changePreferences(subject, Set.of("support"), evidence(), T0))
                .isInstanceOf(ConsentRuleViolation.class);
    }

    @Test
    void erasureForgetsEverythingPersonalAndQueuesReceiptAndTombstone() {
        ConfirmationToken token = optIn(Set.of("offers"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        lifecycle.stop(subject, StopTrigger.KEYWORD, StopScope.ALL, "de", true, T0);

        lifecycle.erase(subject, "erasure-1", ErasureScope.SUBJECT, T0);

        assertThat(subject.status()).isEqualTo(SubjectStatus.ERASED);
        assertThat(subject.e164()).isNull();
        assertThat(subject.evidence()).isEmpty();
        assertThat(subject.history()).isEmpty();
        assertThat(subject.queued()).noneMatch(MessageRequest.class::isInstance);
        assertThat(queued(SubjectErased.class)).singleElement().satisfies(e -> {
            assertThat(e.erasureId()).isEqualTo("erasure-1");
            assertThat(e.scope()).isEqualTo(ErasureScope.SUBJECT);
            assertThat(e.subjectRemoved()).isTrue();
        });
        DomainEvent last = subject.queued().get(subject.queued().size() - 1);
        assertThat(last).as("consent-state tombstone").isInstanceOf(StateTombstone.class);
        assertThat(((StateTombstone) last).contactKey()).isEqualTo("contact-key-1");
    }

    @Test
    void pendingOptInErasureKeepsAnEarlierConsent() {
        ConfirmationToken token = optIn(Set.of("offers"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        lifecycle.changePreferences(subject, Set.of("offers", "support"), evidence(), T0);

        lifecycle.erase(subject, "erasure-2", ErasureScope.PENDING_OPT_IN, T0);

        assertThat(subject.status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(subject.pending()).isNull();
        assertThat(subject.e164()).isEqualTo(NUMBER);
        assertThat(queued(SubjectErased.class)).singleElement().satisfies(e -> {
            assertThat(e.scope()).isEqualTo(ErasureScope.PENDING_OPT_IN);
            assertThat(e.subjectRemoved()).as("the consent history stays").isFalse();
        });
    }

    @Test
    void pendingOptInErasureOfASubjectThatNeverConsentedRemovesItAndSaysSo() {
        optIn(Set.of("offers"), T0);

        lifecycle.erase(subject, "erasure-3", ErasureScope.PENDING_OPT_IN, T0);

        assertThat(subject.status()).isEqualTo(SubjectStatus.ERASED);
        assertThat(subject.e164()).isNull();
        assertThat(queued(SubjectErased.class)).singleElement().satisfies(e -> {
            assertThat(e.scope()).isEqualTo(ErasureScope.PENDING_OPT_IN);
            assertThat(e.subjectRemoved()).as("the audit shreds its contacts' salts on this").isTrue();
        });
    }

    @Test
    void anOptInStartedInWhatsAppSendsTheConsentTextWithAConfirmButton() {
        ConfirmationToken token = lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.WHATSAPP, "en",
                new Evidence(null, T0, "WHATSAPP", null, null, null, "v7", "text", Evidence.sha256Hex("text"),
                        "wamid.1"), T0).orElseThrow();
        MessageRequest send = queued(MessageRequest.class).get(0);
        assertThat(send.category()).isEqualTo(MessageCategory.SERVICE);
        assertThat(send.text()).isEqualTo("text");
        assertThat(send.buttons()).singleElement().satisfies(b -> {
            assertThat(b.payload()).isEqualTo("CONFIRM:" + token.value());
            assertThat(b.title()).isEqualTo("Yes, confirm");
        });
    }

    @Test
    void askingAgainForGrantedPurposesChangesNothing() {
        ConfirmationToken token = optIn(Set.of("offers"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        int before = subject.queued().size();
        assertThat(lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.API, "de", evidence(), T0)).isEmpty();
        assertThat(subject.queued()).hasSize(before);
    }

    @Test
    void unknownPurposesAreRefused() {
        assertThatThrownBy(() -> optIn(Set.of("lottery"), T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void processedEventIdsAreRememberedBoundedly() {
        for (int i = 0; i < Subject.PROCESSED_IDS_KEPT + 10; i++) {
            subject.markProcessed("event-" + i);
        }
        assertThat(subject.alreadyProcessed("event-" + (Subject.PROCESSED_IDS_KEPT + 9))).isTrue();
        assertThat(subject.alreadyProcessed("event-0")).isFalse();
        assertThat(subject.processedEventIds()).hasSize(Subject.PROCESSED_IDS_KEPT);
    }
}
