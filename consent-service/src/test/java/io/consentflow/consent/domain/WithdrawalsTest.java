package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.domain.DomainEvent.MessageRequest;
import io.consentflow.consent.domain.DomainEvent.StopReceived;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** STOP in every form: withdrawal at once, one reply, never undone without a new double opt-in. */
class WithdrawalsTest extends LifecycleFixture {

    @Test
    void stopWithdrawsEverythingRepliesOnceAndReOptInNeedsANewConfirmation() {
        ConfirmationToken token = optIn(Set.of("offers", "support"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        int before = subject.queued().size();

        assertThat(lifecycle.stop(subject, StopTrigger.KEYWORD, StopScope.ALL, "fr", true, T0.plusSeconds(5)))
                .isTrue();
        assertThat(subject.status()).isEqualTo(SubjectStatus.STOPPED);
        assertThat(subject.purposes()).isEmpty();
        StopReceived stop = queued(StopReceived.class).get(0);
        assertThat(stop.trigger()).isEqualTo(StopTrigger.KEYWORD);
        assertThat(stop.scope()).isEqualTo(StopScope.ALL);
        assertThat(stop.language()).isEqualTo("fr");
        assertThat(stop.purposesWithdrawn()).containsExactly("offers", "support");
        assertThat(lastSnapshot().status()).isEqualTo(SubjectStatus.STOPPED);
        assertThat(lastSnapshot().stoppedAt()).isEqualTo(T0.plusSeconds(5));
        List<MessageRequest> replies = queued(MessageRequest.class).stream()
                .filter(s -> s.category() == MessageCategory.SERVICE).toList();
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.text()).isEqualTo(Texts.stopConfirmation("fr")).contains("START")
                    .isNotEqualTo(Texts.stopConfirmation("de"));
            assertThat(reply.subjectId()).isEqualTo("subject-1");
        });
        assertThat(subject.queued()).hasSize(before + 3);

        assertThat(lifecycle.stop(subject, StopTrigger.KEYWORD, StopScope.ALL, "de", true, T0.plusSeconds(6)))
                .as("a second STOP changes nothing and sends no second reply").isFalse();
        assertThat(subject.queued()).hasSize(before + 3);

        ConfirmationToken again = optIn(Set.of("offers"), T0.plusSeconds(10));
        assertThat(subject.status()).isEqualTo(SubjectStatus.PENDING);
        assertThat(subject.purposes()).as("never silently restored").isEmpty();
        lifecycle.confirm(subject, again.value(), ConfirmationMethod.WEB_PAGE, T0.plusSeconds(20));
        assertThat(subject.status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(subject.purposes()).containsExactly("offers");
        assertThat(subject.evidence()).hasSize(2);
    }

    @Test
    void marketingStopKeepsNonMarketingPurposesAndFlagsMeta() {
        ConfirmationToken token = optIn(Set.of("offers", "support"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);

        lifecycle.stop(subject, StopTrigger.META_USER_PREFERENCE, StopScope.MARKETING, null, true, T0);

        assertThat(subject.status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(subject.purposes()).containsExactly("support");
        assertThat(subject.marketingStoppedAtMeta()).isTrue();
        assertThat(lastSnapshot().marketingStoppedAtMeta()).isTrue();
        assertThat(queued(StopReceived.class).get(0).purposesWithdrawn()).containsExactly("offers");
    }

    @Test
    void stopDuringPendingCancelsTheOptIn() {
        optIn(Set.of("offers"), T0);
        lifecycle.stop(subject, StopTrigger.KEYWORD, StopScope.ALL, "de", true, T0);
        assertThat(subject.status()).isEqualTo(SubjectStatus.STOPPED);
        assertThat(subject.pending()).isNull();
        assertThat(subject.evidence()).isEmpty();
    }
}
