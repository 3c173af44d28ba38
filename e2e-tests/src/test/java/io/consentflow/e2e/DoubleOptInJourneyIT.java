package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageSent;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Journey 1: web double opt-in, confirmation on the phone, a granted purpose is delivered, another is blocked. */
class DoubleOptInJourneyIT extends JourneySupport {

    @Test
    void optInConfirmThenOnlyTheGrantedPurposeIsDelivered() {
        Phone phone = Phone.create(suite);

        assertThat(requestOptIn(phone, List.of("offers")).status()).isIn(200, 201, 202);
        JsonNode confirmation = awaitConfirmationRequest(phone, 0);
        assertThat(confirmation.path("type").asString()).isEqualTo("template");
        assertThat(consentState.all(io.consentflow.events.ConsentSnapshot.class,
                s -> s.getContactKey().equals(Contacts.contactKey(phone.e164()))
                        && s.getStatus() == ConsentStatus.CONFIRMED)).as("nothing confirms before the tap").isEmpty();

        phone.tap(confirmPayload(confirmation));
        var confirmed = awaitConsent(phone, ConsentStatus.CONFIRMED);
        assertThat(confirmed.getPurposes()).containsExactly("offers");

        String granted = sendMarketing(phone, "offers");
        assertThat(awaitOutcome(granted)).isInstanceOf(MessageSent.class);
        phone.awaitOutbound(message -> "new_collection".equals(message.path("template").path("name").asString()),
                PATIENCE);

        String notGranted = sendMarketing(phone, "event-updates");
        assertThat(blockReason(awaitOutcome(notGranted))).contains("PURPOSE_NOT_GRANTED");
        assertThat(phone.outbound().stream()
                .filter(m -> "new_collection".equals(m.path("template").path("name").asString()))).hasSize(1);
    }
}
