package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.domain.DomainEvent.MessageRequest;
import io.consentflow.consent.domain.DomainEvent.StopReceived;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The replies to an erasure request and to an unclear message, and the language every reply is written in. */
class ChatRepliesTest extends LifecycleFixture {

    @Test
    void anErasureRequestWithdrawsEverythingAndIsAcknowledgedInsteadOfTheStopReply() {
        confirm();
        assertThat(lifecycle.erasureRequested(subject, "pl", T0.plusSeconds(5))).isTrue();

        assertThat(subject.status()).isEqualTo(SubjectStatus.STOPPED);
        assertThat(queued(StopReceived.class)).singleElement()
                .satisfies(stop -> assertThat(stop.scope()).isEqualTo(StopScope.ALL));
        assertThat(replies()).singleElement().satisfies(reply ->
                assertThat(reply.text()).isEqualTo(Texts.erasureAcknowledgement("pl")));
    }

    @Test
    void aContactWithNothingToWithdrawGetsNoAcknowledgementAndNoOffer() {
        assertThat(lifecycle.erasureRequested(subject, "de", T0)).isFalse();
        assertThat(lifecycle.offerUnsubscribe(subject, "de", T0)).isFalse();
        assertThat(subject.queued()).isEmpty();
    }

    @Test
    void anUnclearMessageGetsTheOneTapButtonAndChangesNothing() {
        confirm();
        assertThat(lifecycle.offerUnsubscribe(subject, "it", T0.plusSeconds(5))).isTrue();

        assertThat(subject.status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(replies()).singleElement().satisfies(offer -> {
            assertThat(offer.text()).isEqualTo(Texts.unsubscribeOffer("it"));
            assertThat(offer.notAfter()).as("only inside the window the question opened")
                    .isEqualTo(T0.plusSeconds(5).plus(EventFactory.SERVICE_WINDOW));
            assertThat(offer.buttons()).singleElement().satisfies(button -> {
                assertThat(button.payload()).isEqualTo("UNSUBSCRIBE");
                assertThat(button.title()).isEqualTo(Texts.unsubscribeButton("it"));
            });
        });
    }

    @Test
    void withoutTheMessagesLanguageTheSubjectsOwnThenTheConfiguredFallbackIsUsed() {
        confirm();
        lifecycle.stop(subject, StopTrigger.KEYWORD, StopScope.ALL, null, true, T0.plusSeconds(5));
        assertThat(replies()).singleElement()
                .satisfies(reply -> assertThat(reply.text()).isEqualTo(Texts.stopConfirmation("de")));

        ConsentLifecycle englishFallback = new ConsentLifecycle(new ConsentPolicy(POLICY.purposes(), POLICY.optInTtl(),
                POLICY.brandName(), POLICY.confirmationTemplate(), POLICY.whatsappOptInPurposes(), "en"));
        Subject withoutLocale = Subject.create("subject-2", "contact-key-2", NUMBER, "zz", T0);
        ConfirmationToken token = englishFallback.requestOptIn(withoutLocale, Set.of("offers"),
                OptInSource.WEB_FORM, "zz", evidence(), T0).orElseThrow();
        englishFallback.confirm(withoutLocale, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        englishFallback.stop(withoutLocale, StopTrigger.KEYWORD, StopScope.ALL, null, true, T0.plusSeconds(5));
        assertThat(withoutLocale.queued().stream().filter(MessageRequest.class::isInstance)
                .map(MessageRequest.class::cast).filter(s -> s.template() == null).map(MessageRequest::text))
                .containsExactly(Texts.stopConfirmation("en"));
    }

    private void confirm() {
        ConfirmationToken token = optIn(Set.of("offers", "support"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
    }

    private List<MessageRequest> replies() {
        return queued(MessageRequest.class).stream().filter(s -> s.template() == null).toList();
    }
}
