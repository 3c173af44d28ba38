package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The errors that cost a customer who never asked to leave: a short everyday reply or a consent read as a
 * withdrawal. The tables hold few short replies, so a learned second opinion trained on them once heard "thx" as
 * STOP and "Ich willige ein, dass Musterladen mir Angebote per WhatsApp sendet" as one too (2026.12-7). Whatever
 * the rules and the model make of these, it is never STOP or ERASE; the positive control keeps the test from
 * passing for a recogniser that withdraws nobody. {@code FreshTablesHarness} asks the same of every candidate
 * combination ({@link CombinationVariants}).
 */
class OrdinaryRepliesTest {

    /** Short everyday replies, never a withdrawal. */
    static final List<String> SHORT_REPLIES = List.of("thx", "ty", "ok", "Hi", "danke", "merci", "👍 thanks", "wer ist da?",
            "thanks!", "Thx 🙏",
            "Hallo", "Bonjour", "Hola", "Ciao", "Cześć", "Dziękuję", "Děkuji", "grazie", "gracias", "obrigado", "tack",
            "kiitos", "tänan", "köszi", "mulțumesc", "ευχαριστώ", "спасибо", "дякую", "благодаря", "teşekkürler",
            "شكرا", "spasibo", "go raibh maith agat", "grazzi", "who is this?", "qui est-ce ?", "¿quién es?",
            "wie is dit?", "kdo je to?", "ok 👍", "Hi, ok", "super", "cool", "top", "ja");

    /** Consents and confirmations, never a withdrawal. */
    static final List<String> CONSENTS = List.of(
            "Ich willige ein, dass Musterladen mir Angebote per WhatsApp sendet",
            "I agree to receive your offers", "Yes, I consent", "Ja, ich stimme zu",
            "Ja, ich möchte Angebote per WhatsApp erhalten", "Yes please, send me your offers on WhatsApp",
            "J'accepte de recevoir vos offres par WhatsApp", "Oui, je suis d'accord",
            "Acepto recibir ofertas por WhatsApp", "Sí, doy mi consentimiento", "Acconsento a ricevere offerte via WhatsApp",
            "Sì, sono d'accordo", "Wyrażam zgodę na otrzymywanie ofert", "Tak, zgadzam się",
            "Souhlasím se zasíláním nabídek", "Ja, ik ga akkoord met berichten via WhatsApp",
            "Ja, jeg giver samtykke", "Ja, jag godkänner", "Kyllä, hyväksyn", "Igen, elfogadom",
            "Concordo em receber ofertas pelo WhatsApp", "Да, согласен получать предложения", "Так, погоджуюсь",
            "Evet, onaylıyorum", "نعم، أوافق", "Ναι, συμφωνώ", "Sunt de acord să primesc oferte");

    /**
     * Consents whose reader may not even ask whether they meant to leave (the one-tap "Unsubscribe" question to
     * someone who just consented): YES or NONE, never UNCERTAIN, STOP or ERASE. 2026.12-15 asked it of the first,
     * the sentence of the shop's own consent text (the rules knew no word of consent in it: "willige ... ein").
     */
    static final List<String> CONSENTS_NEVER_ASKED = List.of(
            "Ich willige ein, dass Musterladen mir Angebote per WhatsApp sendet.",
            "Ich willige ein, dass Musterladen mir Angebote per WhatsApp sendet");

    /** Withdrawals beside those words, the positive control. */
    static final List<String> WITHDRAWALS = List.of("STOP", "thx, but stop sending me offers",
            "Ich widerrufe meine Einwilligung", "I no longer agree to receive your offers",
            "Je ne veux plus recevoir vos offres", "Nie zgadzam się na oferty, wypisz mnie");

    private final IntentRecogniser recogniser = IntentRecogniser.standard();

    private boolean withdraws(String text) {
        Intent intent = recogniser.classify(text).intent();
        return intent == Intent.STOP || intent == Intent.ERASE;
    }

    @ParameterizedTest
    @FieldSource("SHORT_REPLIES")
    void aShortEverydayReplyIsNeverAWithdrawal(String reply) {
        assertThat(withdraws(reply)).as("'%s' read as a withdrawal", reply).isFalse();
    }

    @ParameterizedTest
    @FieldSource("CONSENTS")
    void aConsentOrConfirmationIsNeverAWithdrawal(String consent) {
        assertThat(withdraws(consent)).as("'%s' read as a withdrawal", consent).isFalse();
    }

    @ParameterizedTest
    @FieldSource("CONSENTS_NEVER_ASKED")
    void aConsentIsNotAskedWhetherItMeantToLeave(String consent) {
        assertThat(recogniser.classify(consent).intent()).as("'%s'", consent).isIn(Intent.YES, Intent.NONE);
    }

    @ParameterizedTest
    @FieldSource("WITHDRAWALS")
    void withdrawalsBesideThoseWordsStillWithdraw(String withdrawal) {
        assertThat(withdraws(withdrawal)).as("'%s' read as a withdrawal", withdrawal).isTrue();
    }
}
