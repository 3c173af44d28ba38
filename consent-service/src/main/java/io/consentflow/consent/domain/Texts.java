package io.consentflow.consent.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What consent-service says in the chat. Neutral wording: a confirmation request never advertises. The replies to a
 * withdrawal are in the language the person wrote in (the gateway's reading names it), for every language the
 * recogniser knows; {@code chat-texts.tsv} beside this class holds them, one row per key and language.
 */
public final class Texts {

    static final String FALLBACK_LANGUAGE = "de";
    private static final Map<String, String> CHAT = load("chat-texts.tsv");

    private Texts() {
    }

    /** The reply to a STOP: no more messages, and START to come back. */
    public static String stopConfirmation(String language) {
        return chat("stop_confirmation", language);
    }

    /** The reply to an erasure request in the chat: withdrawn at once, the erasure checked and confirmed by staff. */
    public static String erasureAcknowledgement(String language) {
        return chat("erasure_ack", language);
    }

    /** The one reply to an unclear message about unsubscribing, above a one-tap unsubscribe button. */
    public static String unsubscribeOffer(String language) {
        return chat("unsubscribe_offer", language);
    }

    /** The button's title (WhatsApp allows 20 characters). */
    public static String unsubscribeButton(String language) {
        return chat("unsubscribe_button", language);
    }

    /** Whether the chat replies are written in this language. */
    public static boolean hasReplies(String language) {
        return language != null && CHAT.containsKey("stop_confirmation|" + language);
    }

    /** The languages of the opt-in template and the chat consent text. */
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

    static String chat(String key, String language) {
        String text = CHAT.get(key + "|" + language);
        return text != null ? text : CHAT.get(key + "|" + FALLBACK_LANGUAGE);
    }

    private static Map<String, String> load(String resource) {
        Map<String, String> texts = new HashMap<>();
        try (InputStream in = Texts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the chat texts " + resource + " are missing beside " + Texts.class);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            lines.readLine(); // header: key, language, text
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] columns = line.split("\t", 3);
                if (columns.length == 3) {
                    texts.put(columns[0] + "|" + columns[1], columns[2].strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(texts);
    }
}
