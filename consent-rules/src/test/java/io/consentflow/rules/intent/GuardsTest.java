package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules' guards (2026.12-15), read without the model: a guard that voids a word of withdrawal also keeps the
 * model from being heard ({@link IntentRules.Evidence#guarded()}), so a guard that fires on the withdrawal's own
 * words costs the opt-out whatever the model says. On the development tables a-bj 76 opt-outs were voided so, 37
 * after these fixes. Each row: the text, what the rules read, and whether a guard voided a word of withdrawal.
 */
class GuardsTest {

    private final IntentRecogniser rulesOnly = new IntentRecogniser(Lexicons.load(), null, SecondOpinion.RULES_ONLY);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // negative concord: a finding that holds its own negation ("mai", "не") is not negated by another
            "Non ho mai acconsentito a questo|STOP|false",
            "Non mi sono mai iscritto a niente, come fate ad avere il mio numero|STOP|false",
            "мне ваши тарифы не нужны не пишите мне больше пожалуйста|STOP|false",
            // the negation of a refusal ("=dont +=want") is one of its words, not a negation of it
            "Don't want any more of ur texts|STOP|false",
            "I don't want to hear from you anymore|NONE|false",
            "No quiero que guarden mi número. Bórrenlo|NONE|false",
            // a negation after "and" is the next verb's
            "Bitte meine Kontaktdaten aus der Marketingliste entfernen und nicht weitergeben.|ERASE|false",
            // another language's order noun or negation that is a word of the finding's own language
            "odhlaste me kurva|STOP|false",
            "Veuillez cesser de m'adresser vos offres|STOP|false",
            "Ben size hiç onay vermedim ki|STOP|false",
            "mai lăsați-mă cu ofertele voastre|STOP|false",
    })
    void aGuardDoesNotFireOnTheWithdrawalsOwnWords(String text, Intent rules, boolean guarded) {
        IntentRules.Decision decision = rulesOnly.rulesDecision(text);
        assertThat(decision.intent()).as(text).isEqualTo(rules);
        assertThat(decision.evidence().guarded()).as("guarded: " + text).isEqualTo(guarded);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I do not want to unsubscribe",
            "Bitte nicht abmelden",
            "Nie chcę się wypisywać",
            "Afmeld mig ikke, jeg elsker jeres tilbud",
            "I don't want to wait anymore",
            "Ne želim bon, hoću povrat novca",
            "No quiero el rojo",
    })
    void aNegatedWithdrawalOrARefusedThingStaysGuarded(String text) {
        IntentRules.Decision decision = rulesOnly.rulesDecision(text);
        assertThat(decision.intent()).as(text).isEqualTo(Intent.NONE);
        assertThat(decision.evidence().guarded()).as("guarded: " + text).isTrue();
    }
}
