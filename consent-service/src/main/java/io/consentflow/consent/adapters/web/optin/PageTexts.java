package io.consentflow.consent.adapters.web.optin;

import java.util.Map;

/** The wording of the hosted pages in German and English. */
record PageTexts(String lang, String title, String intro, String phoneLabel, String phoneHint, String purposesLegend,
        Map<String, String> purposeLabels, String whatAndHowOften, String howToStop, String privacyTitle,
        String privacy, String noticeVersionLabel, String submit, String sentTitle, String sentBody,
        String confirmTitle, String confirmBody, String confirmButton, String confirmedTitle, String confirmedBody,
        String invalidTitle, String invalidBody, String errorsTitle, String rateLimited, String otherLanguage) {

    static PageTexts of(String lang) {
        return "en".equals(lang) ? EN : DE;
    }

    String consentText(String brand, String noticeVersion) {
        return "en".equals(lang)
                ? "I agree that " + brand + " may send me WhatsApp messages about the topics I ticked, at most a few"
                        + " a month. I can withdraw at any time by replying STOP. Privacy notice version "
                        + noticeVersion + "."
                : "Ich willige ein, dass " + brand + " mir WhatsApp-Nachrichten zu den angekreuzten Themen sendet,"
                        + " höchstens wenige im Monat. Ich kann jederzeit mit der Antwort STOP widerrufen."
                        + " Datenschutzhinweise Version " + noticeVersion + ".";
    }

    static final PageTexts DE = new PageTexts("de", "WhatsApp-Nachrichten abonnieren",
            "Wähle aus, worüber wir dich per WhatsApp informieren dürfen. Du bekommst danach eine WhatsApp-Nachricht,"
                    + " mit der du die Anmeldung bestätigst (Double-Opt-in).",
            "Handynummer (mit Ländervorwahl)", "Zum Beispiel +4915112345678",
            "Worüber möchtest du Nachrichten erhalten?",
            Map.of("offers", "Angebote und Rabatte", "new-collections", "Neue Kollektionen",
                    "event-updates", "Veranstaltungen", "support", "Service und Support"),
            "Was und wie oft: nur zu den angekreuzten Themen, höchstens wenige Nachrichten im Monat.",
            "Abmelden: Antworte jederzeit STOP (oder ABMELDEN, ENDE) – ohne Login, sofort wirksam.",
            "Datenschutz",
            "Wir speichern deine Nummer verschlüsselt und nur für den Versand der gewählten Nachrichten. Unbestätigte"
                    + " Anmeldungen werden nach 48 Stunden gelöscht. Auskunft und Löschung jederzeit möglich.",
            "Version der Datenschutzhinweise", "Anmelden",
            "Fast geschafft", "Wir haben dir eine WhatsApp-Nachricht geschickt. Bitte bestätige dort deine Anmeldung.",
            "Anmeldung bestätigen", "Bitte bestätige, dass du WhatsApp-Nachrichten von uns erhalten möchtest.",
            "Ja, bestätigen", "Danke!", "Deine Anmeldung ist bestätigt. Mit STOP kannst du dich jederzeit abmelden.",
            "Link ungültig", "Dieser Bestätigungslink ist ungültig, abgelaufen oder wurde schon verwendet.",
            "Bitte prüfe deine Eingaben", "Zu viele Anfragen. Bitte versuche es später noch einmal.", "English");

    static final PageTexts EN = new PageTexts("en", "Subscribe to WhatsApp messages",
            "Choose what we may tell you about on WhatsApp. You will then receive a WhatsApp message to confirm your"
                    + " subscription (double opt-in).",
            "Mobile number (with country code)", "For example +4915112345678",
            "What would you like to receive?",
            Map.of("offers", "Offers and discounts", "new-collections", "New collections",
                    "event-updates", "Events", "support", "Service and support"),
            "What and how often: only the topics you tick, at most a few messages a month.",
            "Unsubscribe: reply STOP at any time – no login needed, effective immediately.",
            "Privacy",
            "We store your number encrypted and only to send the messages you chose. Unconfirmed sign-ups are deleted"
                    + " after 48 hours. You can ask for a copy or deletion at any time.",
            "Privacy notice version", "Subscribe",
            "Almost done", "We sent you a WhatsApp message. Please confirm your subscription there.",
            "Confirm subscription", "Please confirm that you want to receive WhatsApp messages from us.",
            "Yes, confirm", "Thank you!", "Your subscription is confirmed. Reply STOP at any time to unsubscribe.",
            "Invalid link", "This confirmation link is invalid, has expired or was already used.",
            "Please check your input", "Too many requests. Please try again later.", "Deutsch");
}
