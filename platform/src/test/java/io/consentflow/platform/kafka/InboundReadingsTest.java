package io.consentflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.InboundMessage;
import io.consentflow.events.MessageIntent;
import io.consentflow.rules.inbound.InboundReading;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InboundReadingsTest {

    @Test
    void theContractsIntentsAndTheRulesKindsAreTheSameSymbols() {
        assertThat(Arrays.stream(MessageIntent.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(InboundReading.Kind.values()).map(Enum::name).toList());
    }

    @Test
    void aRecordCarryingItsIntentIsNotReadAgain() {
        InboundMessage message = message("Guten Morgen").setIntent(MessageIntent.ERASE).setLanguage("de")
                .setRecogniserVersion("v-test").build();
        InboundReading reading = InboundReadings.of(message);
        assertThat(reading.kind()).isEqualTo(InboundReading.Kind.ERASE);
        assertThat(reading.language()).isEqualTo("de");
        assertThat(reading.recogniserVersion()).isEqualTo("v-test");
    }

    @Test
    void anOlderRecordIsReadFromItsText() {
        assertThat(InboundReadings.of(message("STOP").build()).kind()).isEqualTo(InboundReading.Kind.STOP);
        assertThat(InboundReadings.of(message("Guten Morgen").build()).kind()).isEqualTo(InboundReading.Kind.NONE);
    }

    private static InboundMessage.Builder message(String text) {
        return InboundMessage.newBuilder().setEventId("e").setOccurredAt(Instant.EPOCH).setProducer("messaging-gateway")
                .setWamid("wamid.1").setFrom("+4915112345678").setContactKey("k").setType("text").setText(text)
                .setButtonPayload(null).setButtonTitle(null).setReceivedAt(Instant.EPOCH).setPhoneNumberId("1");
    }
}
