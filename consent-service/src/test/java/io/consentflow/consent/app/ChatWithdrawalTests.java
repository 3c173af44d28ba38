package io.consentflow.consent.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.PeerStubs;
import io.consentflow.consent.domain.Texts;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.SendRequest;
import io.consentflow.events.StopReceived;
import io.consentflow.events.StopScope;
import io.consentflow.rules.inbound.InboundReading;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.StaffTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Withdrawal as people write it, acted on from the gateway's reading: erasure requests, unclear messages, languages. */
class ChatWithdrawalTests extends IntegrationTestSupport {

    @Test
    void anErasureRequestInTheChatWithdrawsAtOnceIsAcknowledgedAndWaitsForStaff() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers", "support"));
        String contactKey = contactKeys.of(number);

        publishInbound(inbound(number, "Bitte löschen Sie meine Nummer und alle meine Daten", null));

        StopReceived stop = kafka.await(Topics.CONSENT_EVENTS.name(), StopReceived.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(stop.getScope()).isEqualTo(StopScope.ALL);
        assertThat(awaitSnapshot(number, ConsentStatus.STOPPED).getPurposes()).isEmpty();
        SendRequest ack = awaitSendTo(number, s -> s.getText() != null && s.getButtons().isEmpty());
        assertThat(ack.getCategory()).isEqualTo(MessageCategory.SERVICE);
        assertThat(ack.getText()).isEqualTo(Texts.erasureAcknowledgement("de"));

        web.get().uri("/api/v1/erasure-requests").headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT")))
                .exchange().expectStatus().isForbidden();
        String dpo = StaffTokens.forRole("DPO");
        List<Map<String, Object>> pending = pendingRequests(dpo);
        assertThat(pending).filteredOn(r -> contactKey.equals(r.get("contactKey"))).singleElement()
                .satisfies(r -> {
                    assertThat(r.get("subjectId")).isEqualTo(subjectId);
                    assertThat(r.get("e164")).isEqualTo(number);
                    assertThat(r.get("language")).isEqualTo("de");
                });

        web.post().uri("/api/v1/erasure-requests/{key}/confirm", contactKey).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(dpo))
                .exchange().expectStatus().isAccepted();
        assertThat(PeerStubs.get().calls(subjectId)).filteredOn(c -> c.peer() == PeerStubs.Peer.ERASURE)
                .singleElement().satisfies(call -> assertThat(call.authorization()).isEqualTo("Bearer " + dpo));
        assertThat(pendingRequests(dpo)).noneMatch(r -> contactKey.equals(r.get("contactKey")));
        web.post().uri("/api/v1/erasure-requests/{key}/confirm", contactKey).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(dpo))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void staffMayDismissAChatErasureRequestTheyCannotVerify() {
        String number = randomNumber();
        confirmedSubject(number, List.of("offers"));
        String contactKey = contactKeys.of(number);
        publishInbound(inbound(number, "please delete my data", null));
        awaitSnapshot(number, ConsentStatus.STOPPED);
        String dpo = StaffTokens.forRole("DPO");
        assertThat(pendingRequests(dpo)).anyMatch(r -> contactKey.equals(r.get("contactKey")));

        web.post().uri("/api/v1/erasure-requests/{key}/dismiss", contactKey).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(dpo))
                .exchange().expectStatus().isNoContent();
        assertThat(pendingRequests(dpo)).noneMatch(r -> contactKey.equals(r.get("contactKey")));
        web.post().uri("/api/v1/erasure-requests/{key}/dismiss", contactKey).header("X-Staff-Reason", "test: ticket 4711").headers(h -> h.setBearerAuth(dpo))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void anUnclearMessageGetsExactlyOneOneTapReplyADayAndTheTapWithdraws() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));

        publishInbound(inbound(number, "wie melde ich mich ab?", null));
        publishInbound(inbound(number, "Wie kann ich mich abmelden?", null));
        SendRequest offer = awaitSendTo(number, s -> s.getButtons().stream()
                .anyMatch(b -> b.getPayload().equals(InboundReading.UNSUBSCRIBE_PAYLOAD)));
        assertThat(offer.getCategory()).isEqualTo(MessageCategory.SERVICE);
        assertThat(offer.getText()).isEqualTo(Texts.unsubscribeOffer("de"));
        assertThat(offer.getButtons()).singleElement()
                .satisfies(b -> assertThat(b.getTitle()).isEqualTo(Texts.unsubscribeButton("de")));

        // the tap, on the same partition after both questions: once it has withdrawn, both questions were handled
        publishInbound(inbound(number, null, offer.getButtons().get(0).getPayload()));
        StopReceived stop = kafka.await(Topics.CONSENT_EVENTS.name(), StopReceived.class,
                e -> e.getSubjectId().equals(subjectId), WAIT);
        assertThat(stop.getScope()).isEqualTo(StopScope.ALL);
        assertThat(allOf(Topics.SEND_REQUESTS.name(), SendRequest.class, s -> s.getTo().equals(number)
                && s.getButtons().stream().anyMatch(b -> b.getPayload().equals(InboundReading.UNSUBSCRIBE_PAYLOAD))))
                .as("one clarification a day, however often it is asked").hasSize(1);
    }

    @Test
    void theStopReplyIsInTheLanguageThePersonWroteIn() {
        String number = randomNumber();
        confirmedSubject(number, List.of("offers"));
        InboundReading reading = InboundReading.of("text", "I don't want these messages anymore", null, null);
        assertThat(reading.kind()).isEqualTo(InboundReading.Kind.STOP);

        publishInbound(inbound(number, "I don't want these messages anymore", null));

        SendRequest reply = awaitSendTo(number, s -> s.getText() != null && s.getButtons().isEmpty());
        assertThat(reply.getText()).isEqualTo(Texts.stopConfirmation(reading.language())).contains("START")
                .isNotEqualTo(Texts.stopConfirmation("de"));
    }

    @Test
    void aRecordFromAGatewayThatDidNotReadMessagesIsReadFromItsText() {
        String number = randomNumber();
        String subjectId = confirmedSubject(number, List.of("offers"));
        publishInbound(legacyInbound(number, "STOP", null).build());
        assertThat(kafka.await(Topics.CONSENT_EVENTS.name(), StopReceived.class,
                e -> e.getSubjectId().equals(subjectId), WAIT).getScope()).isEqualTo(StopScope.ALL);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> pendingRequests(String token) {
        return (List<Map<String, Object>>) (List<?>) web.get().uri("/api/v1/erasure-requests").header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk().expectBodyList(Map.class)
                .returnResult().getResponseBody();
    }
}
