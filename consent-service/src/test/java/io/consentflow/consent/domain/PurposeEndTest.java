package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.domain.DomainEvent.PreferencesChanged;
import io.consentflow.consent.domain.DomainEvent.StateTombstone;
import io.consentflow.consent.domain.DomainEvent.SubjectErased;
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
            assertThat(p.purposesBefore()).containsExactly("event-updates", "offers");
            assertThat(p.purposesAfter()).containsExactly("offers");
            assertThat(p.pendingConfirmation()).isFalse();
        });
        assertThat(lastSnapshot().status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(lastSnapshot().purposes()).containsExactly("offers");
        assertThat(queued(SubjectErased.class)).singleElement().satisfies(e -> {
            assertThat(e.erasureId()).isEqualTo("erasure-fair");
            assertThat(e.scope()).isEqualTo(ErasureScope.SUBJECT);
            assertThat(e.purpose()).isEqualTo("event-updates");
        });
        assertThat(subject.queued()).noneMatch(StateTombstone.class::isInstance);
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
                .satisfies(e -> assertThat(e.purpose()).as("the whole subject, not one purpose").isNull());
        DomainEvent last = subject.queued().get(subject.queued().size() - 1);
        assertThat(last).as("consent-state tombstone").isInstanceOf(StateTombstone.class);
    }

    @Test
    void theEndOfAPurposeNeverGrantedChangesNothingButIsReceipted() {
        ConfirmationToken token = optIn(Set.of("offers"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        int outboxBefore = subject.queued().size();

        lifecycle.erase(subject, "erasure-fair", ErasureScope.SUBJECT, "event-updates", T0.plusSeconds(60));

        assertThat(subject.purposes()).containsExactly("offers");
        assertThat(subject.queued()).hasSize(outboxBefore + 1);
        assertThat(queued(SubjectErased.class)).singleElement()
                .satisfies(e -> assertThat(e.purpose()).isEqualTo("event-updates"));
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
                .satisfies(e -> assertThat(e.purpose()).isEqualTo("event-updates"));
    }
}
