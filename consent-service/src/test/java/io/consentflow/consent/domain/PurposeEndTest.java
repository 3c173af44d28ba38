package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.PreferencesChanged;
import io.consentflow.events.SubjectErased;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The end of one purpose (a PURPOSE_END deadline): that purpose goes, the subject only with its last one. */
class PurposeEndTest extends LifecycleFixture {

    @Test
    void theEndOfOnePurposeRemovesThatPurposeOnlyAndPublishesTheChange() {
        ConfirmationToken token = optIn(Set.of("offers", "event-updates"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        int evidenceBefore = subject.evidence().size();

        lifecycle.erase(subject, "erasure-fair", ErasureScope.SUBJECT, "event-updates", T0.plusSeconds(60));

        assertThat(subject.status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(subject.purposes()).containsExactly("offers");
        assertThat(subject.e164()).isEqualTo(NUMBER);
        assertThat(subject.evidence()).hasSize(evidenceBefore);
        assertThat(queued(PreferencesChanged.class)).last().satisfies(p -> {
            assertThat(p.getPurposesBefore()).containsExactly("event-updates", "offers");
            assertThat(p.getPurposesAfter()).containsExactly("offers");
            assertThat(p.getPendingConfirmation()).isFalse();
        });
        assertThat(lastSnapshot().getStatus()).isEqualTo(ConsentStatus.CONFIRMED);
        assertThat(lastSnapshot().getPurposes()).containsExactly("offers");
        assertThat(queued(SubjectErased.class)).singleElement().satisfies(e -> {
            assertThat(e.getErasureId()).isEqualTo("erasure-fair");
            assertThat(e.getScope()).isEqualTo(ErasureScope.SUBJECT);
            assertThat(e.getPurpose()).isEqualTo("event-updates");
        });
        assertThat(subject.outbox()).noneMatch(e -> e.topic().equals("consent-state") && e.value() == null);
    }

    @Test
    void theEndOfTheLastPurposeErasesTheWholeSubject() {
        ConfirmationToken token = optIn(Set.of("event-updates"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);

        lifecycle.erase(subject, "erasure-fair", ErasureScope.SUBJECT, "event-updates", T0.plusSeconds(60));

        assertThat(subject.status()).isEqualTo(SubjectStatus.ERASED);
        assertThat(subject.e164()).isNull();
        assertThat(subject.evidence()).isEmpty();
        assertThat(queued(SubjectErased.class)).singleElement()
                .satisfies(e -> assertThat(e.getPurpose()).as("the whole subject, not one purpose").isNull());
        OutboxEntry last = subject.outbox().get(subject.outbox().size() - 1);
        assertThat(last.topic()).isEqualTo("consent-state");
        assertThat(last.value()).isNull();
    }

    @Test
    void theEndOfAPurposeNeverGrantedChangesNothingButIsReceipted() {
        ConfirmationToken token = optIn(Set.of("offers"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        int outboxBefore = subject.outbox().size();

        lifecycle.erase(subject, "erasure-fair", ErasureScope.SUBJECT, "event-updates", T0.plusSeconds(60));

        assertThat(subject.purposes()).containsExactly("offers");
        assertThat(subject.outbox()).hasSize(outboxBefore + 1);
        assertThat(queued(SubjectErased.class)).singleElement()
                .satisfies(e -> assertThat(e.getPurpose()).isEqualTo("event-updates"));
    }

    @Test
    void theEndOfAPurposeDropsAPendingWideningThatAskedOnlyForIt() {
        ConfirmationToken token = optIn(Set.of("offers"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        lifecycle.changePreferences(subject, Set.of("offers", "event-updates"), evidence(), T0);
        assertThat(subject.pending()).isNotNull();

        lifecycle.erase(subject, "erasure-fair", ErasureScope.SUBJECT, "event-updates", T0.plusSeconds(60));

        assertThat(subject.pending()).isNull();
        assertThat(subject.evidence()).hasSize(1);
        assertThat(subject.purposes()).containsExactly("offers");
        assertThat(subject.status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(queued(SubjectErased.class)).singleElement()
                .satisfies(e -> assertThat(e.getPurpose()).isEqualTo("event-updates"));
    }
}
