package io.consentflow.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.keywords.StopCommand.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StopCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "text|STOP|null|null|ALL",
            "text|Stopp bitte|null|null|ALL",
            "text|Bitte keine Nachrichten mehr|null|null|ALL",
            "text|ARRÊT|null|null|ALL",
            "text|sotp|null|null|ALL",
            "text|Why did my order stop?|null|null|null",
            "text|JA|null|null|null",
            "text|START|null|null|null",
            "text|null|null|null|null",
            "text|'   '|null|null|null",
            "button|null|Stop promotions|Stop promotions|MARKETING",
            "button|null|STOP_PROMOTIONS|null|MARKETING",
            "interactive|null|something|Werbung stopen|MARKETING",
            "button|null|CONFIRM:abc123|Ja, bestätigen|null",
            "button|null|whatever|Abmelden|ALL",
            "button|null|unsubscribe|null|ALL",
            "text|null|STOP_PROMOTIONS|null|MARKETING",
    })
    void readsWithdrawalsLikeConsentService(String type, String text, String payload, String title, Scope expected) {
        assertThat(StopCommand.in(type, text, payload, title).map(StopCommand::scope).orElse(null))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"ABMELDEN,de", "unsubscribe,en", "désabonner,fr", "darme de baja,es", "wypisz mnie,pl"})
    void namesTheLanguageOfTheKeyword(String text, String language) {
        assertThat(StopCommand.in("text", text, null, null)).hasValueSatisfying(stop ->
                assertThat(stop.language()).isEqualTo(language));
    }
}
