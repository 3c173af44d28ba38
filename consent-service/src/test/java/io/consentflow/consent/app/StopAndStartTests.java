package io.consentflow.consent.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.config.ConsentProperties;
import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MarketingPreference;
import io.consentflow.events.MarketingPreferenceChanged;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.OptInSource;
import io.consentflow.events.SendRequest;
import io.consentflow.events.StopReceived;
import io.consentflow.events.StopScope;
import io.consentflow.events.StopTrigger;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StopAndStartTests extends IntegrationTestSupport {

    @Autowired
    private MeterRegistry meters;
    @Autowired
    private ConsentProperties properties;

    @Test
    void stopWithdrawsAtOnceRepliesExactlyOnceAndStartNeedsANewDoubleOptIn() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers", "support"));

        InboundMessage stop = inbound(number, "Bitte keine Nachrichten mehr!", null);
        publishInbound(stop);
        publishInbound(stop); // redelivered: same eventId
        publishInbound(inbound(number, "STOPP", null)); // a second STOP changes nothing
        publishInbound(inbound(number, "Start", null)); // same partition: processed after the three above

        StopReceived received = kafka.await(Topics.CONSENT_EVENTS.name(), StopReceived.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(received.getTrigger()).isEqualTo(StopTrigger.KEYWORD);
        assertThat(received.getScope()).isEqualTo(StopScope.ALL);
        assertThat(received.getLanguage()).isEqualTo("de");
        assertThat(received.getPurposesWithdrawn()).containsExactly("offers", "support");
        ConsentSnapshot stopped = awaitSnapshot(number, ConsentStatus.STOPPED);
        assertThat(stopped.getPurposes()).isEmpty();

        // published in order: once the START's message is out, everything before it is too
        SendRequest startMessage = awaitSendTo(number, s -> !s.getButtons().isEmpty());
        List<SendRequest> sent = allOf(Topics.SEND_REQUESTS.name(), SendRequest.class, s -> s.getTo().equals(number));
        assertThat(startMessage.getCategory()).isEqualTo(MessageCategory.SERVICE);
        assertThat(startMessage.getText()).contains("Musterladen").contains("STOP");
        assertThat(startMessage.getButtons().get(0).getPayload()).startsWith("CONFIRM:");
        assertThat(startMessage.getSubjectId()).isEqualTo(subjectId);
        assertSignedByConsentService(startMessage);
        List<SendRequest> replies = sent.stream().filter(s -> s.getText() != null && s.getButtons().isEmpty()).toList();
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.getCategory()).isEqualTo(MessageCategory.SERVICE);
            assertThat(reply.getSubjectId()).isEqualTo(subjectId);
            assertThat(reply.getText()).contains("keine Nachrichten mehr");
            assertSignedByConsentService(reply);
            assertThat(reply.getNotAfter()).as("the end of the service window").isNotNull();
        });
        assertThat(allOf(Topics.CONSENT_EVENTS.name(), StopReceived.class, e -> e.getSubjectId().equals(subjectId)))
                .as("exactly one StopReceived").hasSize(1);
        assertThat(awaitSnapshot(number, ConsentStatus.PENDING).getPurposes()).as("no silent restore").isEmpty();

        publishInbound(inbound(number, null, startMessage.getButtons().get(0).getPayload()));
        ConsentSnapshot again = kafka.await(Topics.CONSENT_STATE.name(), ConsentSnapshot.class,
                s -> s.getSubjectId().equals(subjectId) && s.getStatus() == ConsentStatus.CONFIRMED
                        && s.getStoppedAt() != null, WAIT);
        assertThat(again.getPurposes()).containsExactly("event-updates", "new-collections", "offers");
    }

    @Test
    void startFromAnUnknownNumberSendsConsentTextAndButtonAndTheTapConfirms() {
        String number = randomNumber();
        publishInbound(inbound(number, "START", null));

        SendRequest offer = awaitSendTo(number, s -> !s.getButtons().isEmpty());
        assertThat(offer.getButtons().get(0).getTitle()).isEqualTo("Ja, bestätigen");
        OptInRequested requested = kafka.await(Topics.CONSENT_EVENTS.name(), OptInRequested.class,
                e -> e.getSubjectId().equals(offer.getSubjectId()), WAIT);
        assertThat(requested.getSource()).isEqualTo(OptInSource.WHATSAPP);

        publishInbound(inbound(number, null, offer.getButtons().get(0).getPayload()));
        OptInConfirmed confirmed = kafka.await(Topics.CONSENT_EVENTS.name(), OptInConfirmed.class,
                e -> e.getSubjectId().equals(offer.getSubjectId()), WAIT);
        assertThat(confirmed.getMethod()).isEqualTo(ConfirmationMethod.QUICK_REPLY);
    }

    @Test
    void theStopPromotionsButtonWithdrawsMarketingOnly() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers", "support"));
        InboundMessage tap = inbound(number, null, "Stop promotions");
        publishInbound(tap);

        StopReceived received = kafka.await(Topics.CONSENT_EVENTS.name(), StopReceived.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(received.getTrigger()).isEqualTo(StopTrigger.STOP_PROMOTIONS_BUTTON);
        assertThat(received.getScope()).isEqualTo(StopScope.MARKETING);
        assertThat(received.getPurposesWithdrawn()).containsExactly("offers");
    }

    @Test
    void metasUserPreferenceStopWithdrawsAndResumeStartsANewOptIn() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        kafka.publish(Topics.WHATSAPP_INBOUND.name(), contactKeys.of(number), preference(number,
                MarketingPreference.STOP));

        StopReceived received = kafka.await(Topics.CONSENT_EVENTS.name(), StopReceived.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(received.getTrigger()).isEqualTo(StopTrigger.META_USER_PREFERENCE);
        ConsentSnapshot stopped = awaitSnapshot(number, ConsentStatus.STOPPED);
        assertThat(stopped.getMarketingStoppedAtMeta()).isTrue();

        kafka.publish(Topics.WHATSAPP_INBOUND.name(), contactKeys.of(number), preference(number,
                MarketingPreference.RESUME));
        SendRequest offer = awaitSendTo(number, s -> !s.getButtons().isEmpty());
        assertThat(offer.getSubjectId()).isEqualTo(subjectId);
        ConsentSnapshot pending = awaitSnapshot(number, ConsentStatus.PENDING);
        assertThat(pending.getPurposes()).isEmpty();
        assertThat(pending.getMarketingStoppedAtMeta()).isFalse();
    }

    @Test
    void aSendFailureWithCode131050WithdrawsMarketing() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("new-collections"));
        MessageFailed failed = MessageFailed.newBuilder().setEventId(Events.newEventId()).setOccurredAt(Instant.now())
                .setProducer("messaging-gateway").setRequestId("campaign-1").setSubjectId(subjectId).setWamid(null)
                .setErrorCode(131050).setErrorTitle("user stopped marketing").setRetryable(false).build();
        kafka.publish(Topics.MESSAGE_EVENTS.name(), subjectId, failed);

        StopReceived received = kafka.await(Topics.CONSENT_EVENTS.name(), StopReceived.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(received.getTrigger()).isEqualTo(StopTrigger.SEND_ERROR_131050);
        assertThat(awaitSnapshot(number, ConsentStatus.STOPPED).getMarketingStoppedAtMeta()).isTrue();
    }

    @Test
    void aStartFloodFromOneNumberSendsAtMostTheLimitOfConsentTexts() {
        String number = randomNumber();
        int limit = properties.rateLimit().startPerNumber();
        int flood = limit + 5;
        Counter ignored = meters.counter("consent.rate_limit.refused", "limit", "start");
        double ignoredBefore = ignored.count();
        for (int i = 0; i < flood; i++) {
            publishInbound(inbound(number, "START", null));
        }

        Instant deadline = Instant.now().plus(WAIT);
        while (ignored.count() < ignoredBefore + flood - limit) {
            assertThat(Instant.now()).as("the over-limit STARTs are counted").isBefore(deadline);
            pause();
        }
        // the allowed STARTs came first on the partition; wait for their messages, then check there are no more
        kafka.awaitRecords(Topics.SEND_REQUESTS.name(), r -> r.value() instanceof SendRequest s
                && s.getTo().equals(number), limit, WAIT);
        List<SendRequest> sent = allOf(Topics.SEND_REQUESTS.name(), SendRequest.class, s -> s.getTo().equals(number));
        assertThat(sent).hasSize(limit).allSatisfy(s -> assertThat(s.getButtons()).isNotEmpty());
    }

    private static MarketingPreferenceChanged preference(String number, MarketingPreference value) {
        return MarketingPreferenceChanged.newBuilder().setEventId(Events.newEventId()).setOccurredAt(Instant.now())
                .setProducer("messaging-gateway").setFrom(number.substring(1)).setContactKey("ignored")
                .setValue(value).setChangedAt(Instant.now()).build();
    }
}
