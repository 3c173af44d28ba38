package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.OptInSource;
import io.consentflow.events.SendRequest;
import io.consentflow.events.StopReceived;
import io.consentflow.events.StopScope;
import io.consentflow.events.StopTrigger;
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
                .satisfies(stop -> assertThat(stop.getScope()).isEqualTo(StopScope.ALL));
        assertThat(replies()).singleElement().satisfies(reply ->
                assertThat(reply.getText()).isEqualTo(Texts.erasureAcknowledgement("pl")));
    }

    @Test
    void aContactWithNothingToWithdrawGetsNoAcknowledgementAndNoOffer() {
        assertThat(lifecycle.erasureRequested(subject, "de", T0)).isFalse();
        assertThat(lifecycle.offerUnsubscribe(subject, "de", T0)).isFalse();
        assertThat(subject.outbox()).isEmpty();
    }

    @Test
    void anUnclearMessageGetsTheOneTapButtonAndChangesNothing() {
        confirm();
        assertThat(lifecycle.offerUnsubscribe(subject, "it", T0.plusSeconds(5))).isTrue();

        assertThat(subject.status()).isEqualTo(SubjectStatus.CONFIRMED);
        assertThat(replies()).singleElement().satisfies(offer -> {
            assertThat(offer.getText()).isEqualTo(Texts.unsubscribeOffer("it"));
            assertThat(offer.getNotAfter()).as("only inside the window the question opened")
                    .isEqualTo(T0.plusSeconds(5).plus(EventFactory.SERVICE_WINDOW));
            assertThat(offer.getButtons()).singleElement().satisfies(button -> {
                assertThat(button.getPayload()).isEqualTo("UNSUBSCRIBE");
                assertThat(button.getTitle()).isEqualTo(Texts.unsubscribeButton("it"));
            });
        });
    }

    @Test
    void withoutTheMessagesLanguageTheSubjectsOwnThenTheConfiguredFallbackIsUsed() {
        confirm();
        lifecycle.stop(subject, StopTrigger.KEYWORD, StopScope.ALL, null, true, T0.plusSeconds(5));
        assertThat(replies()).singleElement()
                .satisfies(reply -> assertThat(reply.getText()).isEqualTo(Texts.stopConfirmation("de")));

        ConsentLifecycle englishFallback = new ConsentLifecycle(new ConsentPolicy(POLICY.purposes(), POLICY.optInTtl(),
                POLICY.brandName(), POLICY.confirmationTemplate(), POLICY.whatsappOptInPurposes(), "en"));
        Subject withoutLocale = Subject.create("subject-2", "contact-key-2", NUMBER, "zz", T0);
        ConfirmationToken token = englishFallback.requestOptIn(withoutLocale, Set.of("offers"),
                OptInSource.WEB_FORM, "zz", evidence(), T0).orElseThrow();
        englishFallback.confirm(withoutLocale, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
        englishFallback.stop(withoutLocale, StopTrigger.KEYWORD, StopScope.ALL, null, true, T0.plusSeconds(5));
        assertThat(withoutLocale.outbox().stream().map(OutboxEntry::value).filter(SendRequest.class::isInstance)
                .map(SendRequest.class::cast).filter(s -> s.getTemplate() == null).map(SendRequest::getText))
                .containsExactly(Texts.stopConfirmation("en"));
    }

    private void confirm() {
        ConfirmationToken token = optIn(Set.of("offers", "support"), T0);
        lifecycle.confirm(subject, token.value(), ConfirmationMethod.QUICK_REPLY, T0);
    }

    private List<SendRequest> replies() {
        return queued(SendRequest.class).stream().filter(s -> s.getTemplate() == null).toList();
    }
}
