package io.consentflow.rules.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.rules.inbound.InboundReading.Kind;
import io.consentflow.rules.intent.IntentRecogniser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundReadingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "text|STOP|null|null|STOP",
            "text|Stopp bitte|null|null|STOP",
            "text|Bitte keine Nachrichten mehr|null|null|STOP",
            "text|ARRÊT|null|null|STOP",
            "text|Why did my order stop?|null|null|NONE",
            "text|JA|null|null|YES",
            "text|START|null|null|START",
            "text|null|null|null|NONE",
            "text|'   '|null|null|NONE",
            "button|null|Stop promotions|Stop promotions|STOP_PROMOTIONS",
            "button|null|STOP_PROMOTIONS|null|STOP_PROMOTIONS",
            "interactive|null|something|Werbung stoppen|STOP_PROMOTIONS",
            "button|null|CONFIRM:abc123|Ja, bestätigen|YES",
            "button|null|UNSUBSCRIBE|Abmelden|STOP",
            "button|null|UNSUBSCRIBE|Unsubscribe|STOP",
            "button|null|whatever|Abmelden|STOP",
            "text|null|STOP_PROMOTIONS|null|STOP_PROMOTIONS",
    })
    void readsTextsAndButtons(String type, String text, String payload, String title, Kind expected) {
        InboundReading reading = InboundReading.of(type, text, payload, title);
        assertThat(reading.kind()).isEqualTo(expected);
        assertThat(reading.recogniserVersion()).isEqualTo(IntentRecogniser.VERSION);
    }

    @ParameterizedTest
    @CsvSource({"STOP,STOP,true,true", "ERASE,ERASE,true,true", "STOP_PROMOTIONS,STOP_PROMOTIONS,false,true",
            "UNCERTAIN,UNCERTAIN,false,false", "NONE,NONE,false,false"})
    void aRecordedReadingIsTakenAsItIsAndSaysWhatItWithdraws(String recorded, Kind kind, boolean all,
            boolean withdraws) {
        // the text says something else: a recorded intent is what the gateway read, never read again
        InboundReading reading = InboundReading.recorded(recorded, "de", "v-test", "text", "Hallo", null, null);
        assertThat(reading.kind()).isEqualTo(kind);
        assertThat(reading.language()).isEqualTo("de");
        assertThat(reading.recogniserVersion()).isEqualTo("v-test");
        assertThat(kind.withdrawsAll()).isEqualTo(all);
        assertThat(kind.withdraws()).isEqualTo(withdraws);
    }

    @ParameterizedTest
    @CsvSource({"STOP,STOP", "Guten Morgen,NONE"})
    void aRecordWithoutIntentIsReadFromItsText(String text, Kind expected) {
        assertThat(InboundReading.recorded(null, null, null, "text", text, null, null).kind()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"ABMELDEN,de", "unsubscribe,en", "désabonner,fr"})
    void namesTheLanguageOfTheWordsThatDecided(String text, String language) {
        assertThat(InboundReading.of("text", text, null, null).language()).isEqualTo(language);
    }
}
