package io.consentflow.consent.domain;

import java.util.Map;

/** What consent-service says in the chat. Neutral wording: a confirmation request never advertises. */
public final class Texts {

    private static final Map<String, String> STOP_CONFIRMATION = Map.of(
            "de", "Du erhältst von uns keine Nachrichten mehr. Mit START kannst du dich jederzeit neu anmelden.",
            "en", "You will not receive any more messages from us. Send START to sign up again at any time.",
            "fr", "Vous ne recevrez plus de messages de notre part. Envoyez START pour vous réinscrire.",
            "es", "Ya no recibirás más mensajes nuestros. Envía START para volver a suscribirte.",
            "it", "Non riceverai più messaggi da noi. Invia START per iscriverti di nuovo.",
            "nl", "Je ontvangt geen berichten meer van ons. Stuur START om je opnieuw aan te melden.",
            "pl", "Nie będziesz już otrzymywać od nas wiadomości. Wyślij START, aby zapisać się ponownie.",
            "tr", "Artık bizden mesaj almayacaksınız. Yeniden kaydolmak için START gönderin.");

    private Texts() {
    }

    public static String stopConfirmation(String language) {
        return STOP_CONFIRMATION.getOrDefault(language, STOP_CONFIRMATION.get("de"));
    }

    public static String chatLanguage(String language) {
        return "en".equals(language) ? "en" : "de";
    }

    /** The consent text for an opt-in started in WhatsApp; also stored as evidence. */
    public static String whatsappConsentText(String language, String brand, java.util.Collection<String> purposes) {
        String list = String.join(", ", purposes);
        return "en".equals(language)
                ? brand + " would like to send you WhatsApp messages about: " + list
                        + ". At most a few messages a month. You can withdraw at any time by sending STOP."
                        + " Please confirm with the button below."
                : brand + " möchte dir WhatsApp-Nachrichten zu folgenden Themen senden: " + list
                        + ". Höchstens wenige Nachrichten im Monat. Du kannst jederzeit mit STOP widerrufen."
                        + " Bitte bestätige mit dem Button unten.";
    }

    public static String confirmButtonTitle(String language) {
        return "en".equals(language) ? "Yes, confirm" : "Ja, bestätigen";
    }
}
