package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules' guards (2026.12-15), read without the model: a guard that voids a word of withdrawal also keeps the
 * model from being heard ({@link IntentRules.Evidence#guarded()}), so a guard that fires on the withdrawal's own
 * words costs the opt-out whatever the model says. On the development tables a-bj 76 opt-outs were voided so, 37
 * after these fixes; on a-cl 71 with 2026.12-18's fixes, 54 with 2026.12-19's; on a-cy 64 with -20's, 60 with
 * -21's; on a-de 65 with -21's, 63 with -22's; on a-dk 74 with -22's, 72 with -23's. Each row: the text, what the rules read, and whether a guard voided a word of withdrawal.
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
            // 2026.12-23: "not only ... but also" adds to a deletion; it refuses nothing
            "Izdzēsiet ne tikai manu numuru, bet arī visus datus|ERASE|false",
            "Löschen Sie nicht nur meine Nummer, sondern alle meine Daten|ERASE|false",
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
            // 2026.12-20: the verb "طلبت" (I asked) is no order noun "طلب", so "I never asked you" stays a refusal
            "أنا ما طلبت منكم هالرسائل أبدا|STOP|false",
            "ما طلبت منكم شي، خلاص|STOP|false",
            // 2026.12-20: "don't delete" reaches three words, not across "and" to the clause's end
            "Ärge enam kirjutage mulle ja kustutage minu number|ERASE|false",
            // 2026.12-21: the Portuguese address "morada" is a prefix, so the Slovene and Croatian "moram" (I must),
            // which stemmed as it, is no order noun beside "not interested"
            "Koliko puta vam moram ponoviti da me to ne zanima|STOP|false",
            // 2026.12-21: a negation before a verb of sending, with no word of cessation after it, still withdraws
            "Nie wysyłajcie mi już ofert|STOP|false",
            "Älkää enää lähettäkö mainoksia|STOP|false",
            // 2026.12-22: "they never stop writing" (a negation before the indicative "paran de") is a complaint
            "No paran de mandarme mensajes, qué pesados|STOP|false",
            // 2026.12-22: "not yours" without "from you" is no withdrawal told of someone else
            "Отпишите меня, мне нужны новости банка, а не ваши|STOP|false",
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
            // 2026.12-20: an order's noun forms and "don't remove me" within three words stay guards
            "وقفوا الطلبية لو سمحت",
            "Ärge mind palun nimekirjast eemaldage",
            // 2026.12-21: the address by its prefix stays an order noun
            "Não enviem para a morada antiga",
            // 2026.12-21: the finding's own negation before a word of cessation, "don't stop sending", asks for more
            "Nie przestawajcie wysyłać mi ofert",
            "Ne prenehajte s pošiljanjem ponudb, so super",
            "Älkää lopettako tarjousten lähettämistä",
            // 2026.12-22: the imperatives "don't stop sending" stay refusals beside "they never stop" ...
            "No paren de enviarme ofertas, me encantan",
            "Não parem de mandar promoções",
            // ... and a withdrawal told of someone else, "not from you", withdraws nothing here
            "Mi sono disiscritta dalla piscina, non dalle vostre offerte",
            "Я отписалась от рассылки банка, а не от вас, пишите",
    })
    void aNegatedWithdrawalOrARefusedThingStaysGuarded(String text) {
        IntentRules.Decision decision = rulesOnly.rulesDecision(text);
        assertThat(decision.intent()).as(text).isEqualTo(Intent.NONE);
        assertThat(decision.evidence().guarded()).as("guarded: " + text).isTrue();
    }

    /**
     * 2026.12-24: a word of consent, confirming or receiving holds a message from a STOP only in the message's own
     * language; another language's "yes" in a longer message is an ordinary word there (Swedish "igen", Latvian "šīm",
     * Danish "da"), while a short reply's "si" and a consent sentence in its own words still assent.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Igen?? Jag har sagt det tusen gånger|false",
            "Šī ir mēstule, un jūs to zināt.|false",
            "Katru dienu traucējat ar šīm ziņām, tas ir neizturami.|false",
            "Kl 6 søndag morgen med tilbud på rugbrød, det er da ikke normalt|false",
            "Ich willige ein, dass Musterladen mir Angebote per WhatsApp sendet|true",
            "J'accepte de recevoir vos offres par WhatsApp|true",
            "Da, vreau să primesc ofertele voastre în continuare|true",
            "si grazie|true",
    })
    void aWordOfAssentCountsInTheMessagesOwnLanguage(String text, boolean assent) {
        assertThat(rulesOnly.rulesDecision(text).evidence().assent()).as(text).isEqualTo(assent);
    }
}
