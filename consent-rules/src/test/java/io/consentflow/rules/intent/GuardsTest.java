package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules' guards (2026.12-15), read without the model: a guard that voids a word of withdrawal also keeps the
 * model from being heard ({@link IntentRules.Evidence#guarded()}), so a guard that fires on the withdrawal's own
 * words costs the opt-out whatever the model says. On the development tables a-bj 76 opt-outs were voided so, 37
 * after these fixes; on a-cl 71 with 2026.12-18's fixes, 54 with 2026.12-19's. Each row: the text, what the rules read, and whether a guard voided a word of withdrawal.
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
            // 2026.12-18: "no thanks" answers an offer; the withdrawal after it is not negated by its "no"
            "non merci plus de messages|STOP|false",
            "nein danke bitte keine Nachrichten mehr|STOP|false",
            "no thanks no more messages|STOP|false",
            // 2026.12-18: a negation in a clause a condition leads is the condition's, a threat: "if you don't stop";
            // the rules' UNCERTAIN lets the model be heard (another language's reading, Bulgarian or Finnish, without
            // that condition word, is still voided: guarded, but no longer NONE)
            "Напишу жалобу в Роскомнадзор, если не прекратите рассылку.|UNCERTAIN|true",
            "Pöördun Andmekaitse Inspektsiooni, kui see sõnumite saatmine ei lõpe|UNCERTAIN|true",
            // 2026.12-19: a negation with a word of impatience after it, in a question or after a request's modal,
            // asks: "can't you just / finally ..."
            "Kan I ikke bare lade mig være i fred|STOP|false",
            "Nem lehetne végre leállítani ezeket az üzeneteket?|STOP|false",
            // 2026.12-19: another language's order noun counts only where that language is written: the Turkish
            // "verdi" (gave) is no Italian green, the Czech "adresáře" (address book) no Romanian address
            "bana yazmaya kim izin verdi?|UNCERTAIN|false",
            "Vymažte mě z adresáře a nepište mi.|ERASE|false",
            // 2026.12-19: the Spanish colour is matched as written, so "verdad" (truth) is no "verde"
            "Ya basta, de verdad|STOP|false",
            // 2026.12-19: an address joined by "and" to the data a deletion names is deleted with it
            "Ich hab mein Kundenkonto schon gekündigt, jetzt bitte auch meine Nummer und Adresse löschen.|ERASE|false",
            "لو سمحت امسح عنواني ورقمي من عندكم|ERASE|false",
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
            // 2026.12-18: thanks after the negation, or a condition before it, leave a refusal of the withdrawal
            "Nein danke, nicht abmelden",
            "No thanks, do not unsubscribe me",
            "Ne me désabonnez pas, merci",
            // 2026.12-19: impatience outside a question or a request, and "don't you dare", leave the refusal
            "Bitte nicht einfach abmelden",
            "Please don't just unsubscribe me",
            "Neopovažujte se přestat posílat ty slevové kupóny",
    })
    void aNegatedWithdrawalOrARefusedThingStaysGuarded(String text) {
        IntentRules.Decision decision = rulesOnly.rulesDecision(text);
        assertThat(decision.intent()).as(text).isEqualTo(Intent.NONE);
        assertThat(decision.evidence().guarded()).as("guarded: " + text).isTrue();
    }
}
