package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.domain.InboundIntent.Kind;
import io.consentflow.rules.inbound.InboundReading;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundIntentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "text|STOP|null|null|STOP",
            "text|Bitte keine Nachrichten mehr|null|null|STOP",
            "text|JA|null|null|CONFIRM",
            "text|yes|null|null|CONFIRM",
            "text|Ok!|null|null|CONFIRM",
            "text|oui|null|null|CONFIRM",
            "text|Tak|null|null|CONFIRM",
            "text|evet|null|null|CONFIRM",
            "text|Ja, bestätigen|null|null|CONFIRM",
            "text|ok but why did you write me?|null|null|NONE",
            "text|START|null|null|START",
            "text|Anmelden|null|null|START",
            "text|what is this?|null|null|NONE",
            "text|null|null|null|NONE",
            "button|null|Stop promotions|Stop promotions|STOP_PROMOTIONS",
            "button|null|STOP_PROMOTIONS|null|STOP_PROMOTIONS",
            "button|null|something|Ja, bestätigen|CONFIRM",
            "button|null|UNSUBSCRIBE|Abmelden|STOP",
            "text|Ich widerrufe meine Einwilligung|null|null|STOP",
            "text|Löschen Sie bitte meine Nummer|null|null|ERASE",
            "text|wie melde ich mich ab?|null|null|UNCERTAIN",
    })
    void classifies(String type, String text, String payload, String title, Kind expected) {
        assertThat(InboundIntent.of(InboundReading.of(type, text, payload, title), payload).kind()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"CONFIRM:abc123", "CONFIRM:xyz"})
    void aQuickReplyCarriesItsToken(String payload) {
        InboundIntent intent = InboundIntent.of(InboundReading.of("button", null, payload, "Ja, bestätigen"), payload);
        assertThat(intent.kind()).isEqualTo(Kind.CONFIRM);
        assertThat(intent.token()).isEqualTo(payload.substring("CONFIRM:".length()));
    }
}
