package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextFoldingTest {

    private static List<String> tokens(String text) {
        Message message = Message.of(text);
        return Arrays.asList(message.folded);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ARRÊT|arret",
            "Désabonnez|desabonnez",
            "kündigen|kundigen",
            "Straße|strasse",
            "łódź|lodz",
            "çıkmak|cikmak",
            "ștergeți|stergeti",
            "Ħassru|hassru",
            "ΣΤΑΜΑΤΉΣΤΕ|σταματηστε",
            "Απεγγραφής|απεγγραφησ",
            "Отзываю своё|отзываю свое",
            "Мой|мой",
            "відпишіть|відпишіть",
            "إلغاء|الغاء",
            "رسالة|رساله",
            "مـــــرحبا|مرحبا",
            "أُلْغِي|الغي",
    })
    void foldsCaseDiacriticsAndScripts(String text, String folded) {
        assertThat(String.join(" ", tokens(text))).isEqualTo(folded);
    }

    @Test
    void keepsTheCyrillicShortIAndMergesYo() {
        assertThat(TextFolder.foldWord("ЙЁ")).isEqualTo("йе");
    }

    @Test
    void collapsesRunsOfThreeButKeepsDoubles() {
        assertThat(tokens("stoppppp STOPP pleeease")).containsExactly("stop", "stopp", "please");
    }

    @Test
    void turnsPunctuationAndEmojiIntoSeparatorsAndJoinsContractions() {
        assertThat(tokens("don't 🙄 opt-out!!")).containsExactly("dont", "opt", "out");
        assertThat(tokens("m'envoyer")).containsExactly("m", "envoyer");
    }

    @Test
    void joinsLettersTypedOneByOne() {
        assertThat(tokens("S T O P")).containsExactly("stop");
        assertThat(tokens("s.t.o.p")).containsExactly("stop");
    }

    @Test
    void marksSentencesClausesQuestionsAndCapitals() {
        Message message = Message.of("Why do you write me? STOP, please. ¿Cómo me doy de baja");
        assertThat(message.isQuestion(0)).isTrue();
        int stop = Arrays.asList(message.folded).indexOf("stop");
        assertThat(message.isQuestion(stop)).isFalse();
        assertThat(message.capitals[stop]).isTrue();
        assertThat(message.sameClause(stop, stop + 1)).isFalse();
        assertThat(message.isQuestion(message.size - 1)).isTrue();
    }

    @Test
    void readsTheGreekQuestionMark() {
        Message greek = Message.of("Πώς κάνω απεγγραφή;");
        assertThat(greek.isQuestion(0)).isTrue();
        Message latin = Message.of("stop; now");
        assertThat(latin.isQuestion(0)).isFalse();
    }
}
