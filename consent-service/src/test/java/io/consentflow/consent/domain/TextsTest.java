package io.consentflow.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every reply exists in every language the recogniser reads, within WhatsApp's limits; unknown ones fall back. */
class TextsTest {

    static final List<String> LANGUAGES = List.of("bg", "hr", "cs", "da", "nl", "en", "et", "fi", "fr", "de", "el",
            "hu", "ga", "it", "lv", "lt", "mt", "pl", "pt", "ro", "sk", "sl", "es", "sv", "tr", "ar", "ru", "uk");

    @ParameterizedTest
    @ValueSource(strings = {"stop_confirmation", "erasure_ack", "unsubscribe_offer", "unsubscribe_button"})
    void everyReplyIsWrittenInEveryLanguage(String key) {
        for (String language : LANGUAGES) {
            String text = Texts.chat(key, language);
            assertThat(text).as("%s in %s", key, language).isNotBlank();
            if (!language.equals(Texts.FALLBACK_LANGUAGE)) {
                assertThat(text).as("%s in %s is its own", key, language)
                        .isNotEqualTo(Texts.chat(key, Texts.FALLBACK_LANGUAGE));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bg", "de", "el", "ar", "uk", "ga"})
    void theStopReplySaysHowToComeBackAndTheButtonFitsWhatsApp(String language) {
        assertThat(Texts.stopConfirmation(language)).contains("START");
        assertThat(Texts.unsubscribeButton(language).length()).isLessThanOrEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xx", "zh"})
    void anUnknownLanguageFallsBack(String language) {
        assertThat(Texts.stopConfirmation(language)).isEqualTo(Texts.stopConfirmation(Texts.FALLBACK_LANGUAGE));
        assertThat(Texts.stopConfirmation(null)).isEqualTo(Texts.stopConfirmation(Texts.FALLBACK_LANGUAGE));
    }
}
