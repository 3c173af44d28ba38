package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each language's stemmer brings the inflections of a lexicon word to the same key, with or without diacritics. */
class StemmingTest {

    private static String key(String language, String word) {
        LanguageLexicon lexicon = new LanguageLexicon(language, 0);
        Message token = Message.of(word);
        return lexicon.key(token.folded[0], token.lower[0]);
    }

    @ParameterizedTest
    @CsvSource({
            "en, unsubscribe, unsubscribed",
            "en, message, messages",
            "de, abmelden, abmeldung",
            "de, nachricht, nachrichten",
            "fr, désabonner, désabonnez",
            "fr, désabonner, desabonnez",
            "es, mensaje, mensajes",
            "it, messaggio, messaggi",
            "nl, afmelden, afmelding",
            "pt, publicidade, publicidades",
            "sv, meddelande, meddelanden",
            "da, besked, beskeder",
            "fi, viesti, viestit",
            "hu, hírlevél, hírlevelet",
            "ro, mesaj, mesajele",
            "ru, сообщение, сообщения",
            "bg, реклама, рекламите",
            "el, μηνύματα, μηνυματα",
            "cs, zprávy, zprávu",
            "lv, ziņas, ziņām",
            "lt, žinutė, žinutės",
            "ar, الرسائل, رسائل",
    })
    void bringsInflectionsTogether(String language, String word, String inflected) {
        assertThat(key(language, inflected)).isEqualTo(key(language, word));
    }

    @Test
    void languagesWithoutAStemmerCompareWordsAsWritten() {
        assertThat(key("pl", "wypisz")).isEqualTo("wypisz");
        assertThat(key("uk", "відпишіть")).isEqualTo("відпишіть");
    }

    @Test
    void shortWordsAreNotStemmed() {
        assertThat(key("de", "end")).isEqualTo("end");
    }

    @Test
    void misspellingsReachLongerWordsOnly() {
        assertThat(FuzzyIndex.closeEnough("abmleden", "abmelden")).isTrue();
        assertThat(FuzzyIndex.closeEnough("sotp", "stop")).isTrue();
        assertThat(FuzzyIndex.closeEnough("shop", "stop")).isFalse();
        assertThat(FuzzyIndex.closeEnough("bajaa", "baja")).isTrue();
        assertThat(FuzzyIndex.closeEnough("unsubscirbe", "unsubscribe")).isTrue();
    }
}
