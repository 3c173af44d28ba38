package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.consent.domain.ConsentLifecycle.ConfirmResult;
import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.OptInExpired;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.OptInSource;
import io.consentflow.events.PreferencesChanged;
import io.consentflow.events.SendRequest;
import io.consentflow.events.StopScope;
import io.consentflow.events.StopTrigger;
import io.consentflow.events.SubjectErased;
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
        assertThat(requested.getPurposes()).containsExactly("offers");
        assertThat(requested.getNoticeVersion()).isEqualTo("v7");
        assertThat(requested.getEvidenceDigest()).isEqualTo(subject.evidence().get(0).digest("subject-1"));
        SendRequest send = queued(SendRequest.class).get(0);
        assertThat(send.getCategory()).isEqualTo(MessageCategory.UTILITY);
        assertThat(send.getTo()).isEqualTo(NUMBER);
        assertThat(send.getSubjectId()).isEqualTo("subject-1");
        assertThat(send.getTemplate().getName()).isEqualTo("optin_confirmation");
        assertThat(send.getTemplate().getLanguage()).isEqualTo("de");
        assertThat(send.getTemplate().getComponents().get(0).getParameters().get(0).getValue()).isEqualTo("Musterladen");
        assertThat(send.getTemplate().getComponents().get(1).getSubType()).isEqualTo("quick_reply");
        assertThat(send.getTemplate().getComponents().get(1).getParameters().get(0).getValue())
                .isEqualTo("CONFIRM:" + token.value());
        assertThat(lastSnapshot().getStatus()).isEqualTo(ConsentStatus.PENDING);
        assertThat(subject.outbox()).filteredOn(e -> e.topic().equals("send-requests"))
                .allSatisfy(e -> assertThat(e.key()).isEqualTo(NUMBER));
        assertThat(subject.outbox()).filteredOn(e -> e.topic().equals("consent-state"))
                .allSatisfy(e -> assertThat(e.key()).isEqualTo("contact-key-1"));
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
            assertThat(c.getMethod()).isEqualTo(ConfirmationMethod.QUICK_REPLY);
            assertThat(c.getPurposes()).containsExactly("offers", "support");
        });
        assertThat(lastSnapshot().getStatus()).isEqualTo(ConsentStatus.CONFIRMED);
        assertThat(lastSnapshot().getVersion()).isEqualTo(2);
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
        assertThat(queued(OptInConfirmed.class).get(0).getMethod()).isEqualTo(ConfirmationMethod.TEXT_REPLY);
    }

    @Test
    void anUnconfirmedOptInExpiresAndItsDataIsDeleted() {
        optIn(Set.of("offers"), T0);
        assertThat(lifecycle.expire(subject, T0.plus(Duration.ofHours(47)))).isFalse();
        assertThat(lifecycle.expire(subject, T0.plus(Duration.ofHours(48)))).isTrue();

        assertThat(queued(OptInExpired.class)).singleElement()
                .satisfies(e -> assertThat(e.getSubjectErased()).as("the audit shreds its salts on this").isTrue());
        assertThat(lastSnapshot().getStatus()).isEqualTo(ConsentStatus.EXPIRED);
        assertThat(subject.status()).isEqualTo(SubjectStatus.ERASED);
        assertThat(subject.e164()).isNull();
        assertThat(subject.evidence()).isEmpty();
        assertThat(subject.pending()).isNull();
        assertThat(subject.outbox()).as("the confirmation message no longer needs sending")
                .noneMatch(e -> e.topic().equals("send-requests"));
        assertThat(subject.outbox().get(subject.outbox().size() - 1).value()).as("consent-state tombstone").isNull();
    }

    @Test
    void anExpiredReOptInReturnsToStoppedAndKeepsTheEarlierProof() {
        ConfirmationToken first = optIn(Set.of("offers"), T0);
        lifecycle.confirm(subject, first.value(), ConfirmationMethod.QUICK_REPLY, T0);
        lifecycle.stop(subject, StopTrigger.KEYWORD, StopScope.ALL, "de", true, T0);
        optIn(Set.of("offers"), T0.plusSeconds(100));

        assertThat(lifecycle.expire(subject, T0.plus(Duration.ofHours(49)))).isTrue();
        assertThat(queued(OptInExpired.class)).singleElement()
                .satisfies(e -> assertThat(e.getSubjectErased()).as("the earlier proof stays").isFalse());
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
        assertThat(narrowed.getPurposesAfter()).containsExactly("offers");
        assertThat(narrowed.getPendingConfirmation()).isFalse();

        ConfirmationToken widen = lifecycle.changePreferences(subject, Set.of("offers", "support"), evidence(), T0)
                .orElseThrow();
        assertThat(subject.purposes()).as("not yet widened").containsExactly("offers");
        assertThat(subject.status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(subject.pending().widening()).isTrue();
        lifecycle.confirm(subject, widen.value(), ConfirmationMethod.QUICK_REPLY, T0);
        assertThat(subject.purposes()).containsExactly("offers", "support");
        assertThat(queued(PreferencesChanged.class)).last().satisfies(p -> assertThat(p.getPurposesAfter())
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
        assertThat(subject.outbox()).noneMatch(e -> e.topic().equals("send-requests"));
        assertThat(queued(SubjectErased.class)).singleElement().satisfies(e -> {
            assertThat(e.getErasureId()).isEqualTo("erasure-1");
            assertThat(e.getScope()).isEqualTo(ErasureScope.SUBJECT);
            assertThat(e.getSubjectRemoved()).isTrue();
        });
        OutboxEntry last = subject.outbox().get(subject.outbox().size() - 1);
        assertThat(last.topic()).isEqualTo("consent-state");
        assertThat(last.key()).isEqualTo("contact-key-1");
        assertThat(last.value()).isNull();
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
            assertThat(e.getScope()).isEqualTo(ErasureScope.PENDING_OPT_IN);
            assertThat(e.getSubjectRemoved()).as("the consent history stays").isFalse();
        });
    }

    @Test
    void pendingOptInErasureOfASubjectThatNeverConsentedRemovesItAndSaysSo() {
        optIn(Set.of("offers"), T0);

        lifecycle.erase(subject, "erasure-3", ErasureScope.PENDING_OPT_IN, T0);

        assertThat(subject.status()).isEqualTo(SubjectStatus.ERASED);
        assertThat(subject.e164()).isNull();
        assertThat(queued(SubjectErased.class)).singleElement().satisfies(e -> {
            assertThat(e.getScope()).isEqualTo(ErasureScope.PENDING_OPT_IN);
            assertThat(e.getSubjectRemoved()).as("the audit shreds its contacts' salts on this").isTrue();
        });
    }

    @Test
    void anOptInStartedInWhatsAppSendsTheConsentTextWithAConfirmButton() {
        ConfirmationToken token = lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.WHATSAPP, "en",
                new Evidence(null, T0, "WHATSAPP", null, null, null, "v7", "text", Evidence.sha256Hex("text"),
                        "wamid.1"), T0).orElseThrow();
        SendRequest send = queued(SendRequest.class).get(0);
        assertThat(send.getCategory()).isEqualTo(MessageCategory.SERVICE);
        assertThat(send.getText()).isEqualTo("text");
        assertThat(send.getButtons()).singleElement().satisfies(b -> {
            assertThat(b.getPayload()).isEqualTo("CONFIRM:" + token.value());
            assertThat(b.getTitle()).isEqualTo("Yes, confirm");
        });
    }

    @Test
    void askingAgainForGrantedPurposesChangesNothing() {
        ConfirmationToken token = optIn(Set.of("offers"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        int before = subject.outbox().size();
        assertThat(lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.API, "de", evidence(), T0)).isEmpty();
        assertThat(subject.outbox()).hasSize(before);
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
