package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IntentRecogniserTest {

    private final IntentRecogniser recogniser = IntentRecogniser.standard();

    private Intent intent(String text) {
        return recogniser.classify(text).intent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n", "🙂", "..."})
    void nothingToReadIsNone(String text) {
        assertThat(recogniser.classify(text)).isEqualTo(new Classification(Intent.NONE, null, IntentRecogniser.VERSION));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "STOP|STOP|",
            "stop please|STOP|en",
            "STOP bitte|STOP|de",
            "Abmelden|STOP|de",
            "désabonnement|STOP|fr",
            "darme de baja|STOP|es",
            "wypisz mnie|STOP|pl",
            "Отпишите меня пожалуйста|STOP|ru",
            "Απεγγραφή|STOP|el",
            "إلغاء الاشتراك|STOP|ar",
            "Please delete my data|ERASE|en",
            "Bitte meine Daten löschen|ERASE|de",
            "UNSTOP|START|en",
            "Ja bitte|YES|de",
            "Ja|YES|",
            "OK|YES|",
            "стоп|STOP|",
    })
    void namesTheIntentAndTheLanguageOfTheEntryThatDecided(String text, Intent intent, String language) {
        Classification classification = recogniser.classify(text);
        assertThat(classification.intent()).isEqualTo(intent);
        assertThat(classification.language()).isEqualTo(language);
        assertThat(classification.recogniserVersion()).isEqualTo(IntentRecogniser.VERSION);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I unsubscribed already, stop messaging me|STOP",
            "Ich habe mich abgemeldet!! Hört endlich auf|STOP",
            "I don't want these messages anymore|STOP",
            "Ich will keine Nachrichten mehr|STOP",
            "Je ne veux plus recevoir vos messages|STOP",
            "No quiero recibir más mensajes|STOP",
            "I withdraw my consent|STOP",
            "Ich widerrufe meine Einwilligung|STOP",
            "abmleden|STOP",
            "unsubscirbe|STOP",
            "стоп|STOP",
            "στοπ|STOP",
    })
    void hearsInflectedLegalNegatedAndMisspelledWithdrawals(String text, Intent intent) {
        assertThat(intent(text)).isEqualTo(intent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Don't stop sending these deals, I love them", "Bitte nicht abmelden",
            "I do not want to unsubscribe", "Nicht aufhören, ich liebe eure Angebote!"})
    void aNegatedOptOutIsNoOptOut(String text) {
        assertThat(intent(text)).isEqualTo(Intent.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Please cancel my order 4411", "Can you stop the delivery until Monday?",
            "Which is the nearest bus stop?", "My kettle stopped working", "Bitte stornieren Sie meine Bestellung",
            "Ich möchte mich für den Workshop anmelden", "Delete the blue mug from my cart please",
            "When does the sale end?", "Wann endet der Sale?"})
    void ordinaryRequestsAreNone(String text) {
        assertThat(intent(text)).isEqualTo(Intent.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"How do I unsubscribe?", "wie melde ich mich ab", "Kann ich mich später abmelden?",
            "if you keep sending this stuff I'll unsubscribe", "Wenn ihr noch öfter schreibt melde ich mich ab",
            "What happens if I reply STOP, will I still get delivery updates?", "¿Cómo me doy de baja?"})
    void questionsAndThreatsAboutOptingOutAreUncertain(String text) {
        assertThat(intent(text)).isEqualTo(Intent.UNCERTAIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Can you please unsubscribe me?", "Könnten Sie mich bitte abmelden?",
            "Pouvez-vous me désabonner svp ?"})
    void aQuestionThatIsAPoliteRequestIsAWithdrawal(String text) {
        assertThat(intent(text)).isEqualTo(Intent.STOP);
    }

    @Test
    void questionsThatDoNotMentionOptingOutAreNone() {
        assertThat(intent("What time do you close today?")).isEqualTo(Intent.NONE);
        assertThat(intent("The zip stops halfway, can I swap the jacket?")).isEqualTo(Intent.NONE);
    }

    @Test
    void anErasureOutranksAWithdrawalAndAWithdrawalEverythingElse() {
        assertThat(intent("Unsubscribe and delete my number")).isEqualTo(Intent.ERASE);
        assertThat(intent("Yes. Stop.")).isEqualTo(Intent.STOP);
        assertThat(intent("anmelden")).isEqualTo(Intent.START);
        assertThat(intent("subscribe")).isEqualTo(Intent.START);
        assertThat(intent("Yes I got the parcel, thanks")).isEqualTo(Intent.NONE);
    }

    @Test
    void buttonsOfTheMarketingOptOutAreStopWhateverTheirTitle() {
        assertThat(recogniser.classifyButton("STOP_PROMOTIONS", "Stop promotions").intent()).isEqualTo(Intent.STOP);
        assertThat(recogniser.classifyButton("STOP_PROMOTIONS", "Werbung stoppen").intent()).isEqualTo(Intent.STOP);
        assertThat(recogniser.classifyButton("UNSUBSCRIBE", null).intent()).isEqualTo(Intent.STOP);
        assertThat(recogniser.classifyButton("unsubscribe", "Abmelden").language()).isNull();
        assertThat(recogniser.classifyButton(null, "Stop promotions").intent()).isEqualTo(Intent.STOP);
    }

    @Test
    void otherButtonsAreReadByTheirTitleOrElseTheirPayload() {
        assertThat(recogniser.classifyButton("CONFIRM:abc123", "Ja, bestätigen").intent()).isEqualTo(Intent.YES);
        assertThat(recogniser.classifyButton("whatever", "Abmelden").intent()).isEqualTo(Intent.STOP);
        assertThat(recogniser.classifyButton("ORDER_STATUS", "Where is my order?").intent()).isEqualTo(Intent.NONE);
        assertThat(recogniser.classifyButton(null, null).intent()).isEqualTo(Intent.NONE);
    }

    @Test
    void isSharedAndGivesTheSameAnswerOnEveryThread() {
        assertThat(IntentRecogniser.standard()).isSameAs(recogniser);
        List<String> texts = List.of("STOP", "abmelden", "Please delete my data", "How do I unsubscribe?", "Ja",
                "Where is my parcel?", "Не хочу больше получать сообщения", "لا أريد رسائل");
        List<Intent> expected = texts.stream().map(this::intent).toList();
        IntStream.range(0, 2000).parallel().forEach(i -> {
            int k = i % texts.size();
            assertThat(intent(texts.get(k))).isEqualTo(expected.get(k));
        });
    }
    /** 2026.12-3: a doubled question mark closes only its own sentence; a refusal after it is no question. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "again?? stop|STOP",
            "Woher habt ihr meine Nummer?? Schreibt mir nicht mehr|STOP",
            "ancora?? basta|STOP",
            "how do I unsubscribe??|UNCERTAIN",
    })
    void aRepeatedQuestionMarkAsksOnlyItsOwnSentence(String text, Intent intent) {
        assertThat(intent(text)).isEqualTo(intent);
    }

    /** 2026.12-3: colloquial dismissals, transliterations and refusal emoji, and ordinary look-alikes. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "verpiss dich mit eurer Werbung|STOP",
            "kein Bock mehr|STOP",
            "Ich bin raus|STOP",
            "ça suffit|STOP",
            "chega|STOP",
            "dosta|STOP",
            "досить|STOP",
            "yeter artık|STOP",
            "elég már|STOP",
            "ejiet dirst ar savām reklāmām|STOP",
            "idite nafig|STOP",
            "den endiaferomai|STOP",
            "mat b3tlish|STOP",
            "🙅|STOP",
            "Hau ab 20 Uhr bin ich zu Hause|NONE",
            "Ik wil hier vanaf morgen een pakket ophalen|NONE",
            "Älkää laittako pakettia postiin vaan noutopisteeseen|NONE",
            "Κόψτε το σε δύο κομμάτια|NONE",
            "Lâchez-moi un avis sur le produit|NONE",
    })
    void hearsColloquialRefusals(String text, Intent intent) {
        assertThat(intent(text)).isEqualTo(intent);
    }

    /**
     * 2026.12-4: an ordinary object makes a stopping word ordinary ("not interested in the red one", "don't send it to
     * my old address", "enough, I already paid"), in any language, while messages as the object keep it a withdrawal.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "No me interesa el color rojo|NONE",
            "Sluta skicka till min gamla adress|NONE",
            "Khalas I paid|NONE",
            "Nem érdekel a szín|NONE",
            "Δεν με ενδιαφέρει το χρώμα|NONE",
            "Rahat bırakın paketi kapıda|NONE",
            "Not interested in the blue jacket|NONE",
            "Basta, ho già pagato|NONE",
            "Don't send the invoice to my old email|NONE",
            "Delete my old address and use this one|NONE",
            "Visszavonom a reklamációt, mégis működik|NONE",
            "Kan I sende fakturaen igen?|NONE",
            "Keine Nachrichten mehr an meine Adresse|STOP",
            "Genug! Keine Werbung mehr|STOP",
            "STOP, I never ordered anything|STOP",
            "Remove my email address from your list|ERASE",
            "Delete my number and address|ERASE",
    })
    void anOrderAsTheObjectIsNoWithdrawal(String text, Intent intent) {
        assertThat(intent(text)).isEqualTo(intent);
    }

    /**
     * 2026.12-4: negation after the verb, a message meant for another chat, a withdrawal told as a mistake beside a
     * request to come back, a bare command before a question, a one-word tag question, coming back in other words
     * (a wish or a request, not a complaint that messages arrive again), waiting and a wrong item as ordinary topics.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Afmeld mig ikke, jeg elsker jeres tilbud|NONE",
            "Ne me désabonnez surtout pas|NONE",
            "hou op met zeuren schat, sorry verkeerde chat|NONE",
            "Подпишите меня обратно, я случайно отписался|START",
            "Stop, who gave you my number?|STOP",
            "STOP, what does that do?|UNCERTAIN",
            "nie pisz do mnie więcej ok?|STOP",
            "I'd like to receive your messages again|START",
            "Quiero volver a recibir sus ofertas|START",
            "Старт|START",
            "Jeg bekræfter|YES",
            "Where did you get my number? Delete it.|ERASE",
            "Skąd macie mój numer? Usuńcie go natychmiast.|ERASE",
            "Ich bekomme schon wieder Nachrichten von euch|NONE",
            "I don't want to wait anymore|NONE",
            "Stop! Wrong item arrived|NONE",
    })
    void readsNegationMistakesAndComingBack(String text, Intent intent) {
        assertThat(intent(text)).isEqualTo(intent);
    }
}
