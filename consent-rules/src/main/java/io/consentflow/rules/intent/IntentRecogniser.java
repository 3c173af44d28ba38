package io.consentflow.rules.intent;

import java.util.List;
import java.util.Locale;

/**
 * Reads what an inbound WhatsApp message asks for — STOP, ERASE, START, YES, UNCERTAIN or NONE — in 28 languages at
 * once (the 24 official EU languages, Turkish, Arabic, Russian, Ukrainian), with no language detection: every
 * lexicon is matched against the message, each on the message stemmed its own way.
 *
 * <p>Under GDPR Art. 7(3) and UWG §7 any clear objection is binding, so the rules lean towards hearing one: a
 * withdrawal anywhere in a message wins, and doubt ("how do I unsubscribe?") is UNCERTAIN for a person to read
 * rather than NONE.
 *
 * <p>Immutable and thread-safe; {@link #standard()} loads the lexicons once and is meant to be shared.
 */
public final class IntentRecogniser {

    /** The version of lexicons and rules; bump it whenever either changes, since decisions are stored with it. */
    public static final String VERSION = "2026.12-25";

    /** consent-service's one-tap unsubscribe button, offered when a message was unclear: its tap is a STOP. */
    public static final String UNSUBSCRIBE_PAYLOAD = "UNSUBSCRIBE";
    private static final List<String> STOP_PAYLOADS = List.of("STOP_PROMOTIONS", UNSUBSCRIBE_PAYLOAD);

    private final Lexicons lexicons;
    private final OptOutModel model;
    private final SecondOpinion opinion;

    IntentRecogniser(Lexicons lexicons, OptOutModel model, SecondOpinion opinion) {
        this.lexicons = lexicons;
        this.model = model;
        this.opinion = opinion;
    }

    private static final class Standard {
        static final IntentRecogniser INSTANCE = new IntentRecogniser(Lexicons.load(), OptOutModel.standard(),
                SecondOpinion.STANDARD);
    }

    public static IntentRecogniser standard() {
        return Standard.INSTANCE;
    }

    /** The intent of a text message; null or blank is NONE. */
    public Classification classify(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        Message message = Message.of(text);
        if (message.size == 0) {
            // nothing but symbols: a stop sign on its own ("🛑", "⛔✋") is the shortest opt-out there is
            return onlyStopSigns(text) ? new Classification(Intent.STOP, null, VERSION) : none();
        }
        IntentRules.Decision decision = rules(message);
        Intent intent = decision.intent();
        if (opinion.asks(intent, decision.evidence())) {
            intent = opinion.combine(intent, decision.evidence(), model.probability(text));
        }
        if (intent == Intent.NONE) {
            return none();
        }
        // the model names no language: the reply falls back to the person's own
        String language = decision.intent() != intent || decision.language() < 0 ? null
                : lexicons.languages.get(decision.language()).language;
        return new Classification(intent, language, VERSION);
    }

    /** What the lexicons and rules alone read in a message, without the model's second opinion. */
    IntentRules.Decision rulesDecision(String text) {
        Message message = Message.of(text == null ? "" : text);
        if (message.size == 0) {
            return new IntentRules.Decision(text != null && onlyStopSigns(text) ? Intent.STOP : Intent.NONE, -1,
                    IntentRules.Evidence.NOTHING);
        }
        return rules(message);
    }

    private IntentRules.Decision rules(Message message) {
        Annotation annotation = new Annotation(message, lexicons);
        return IntentRules.decide(annotation, PatternMatcher.hits(annotation));
    }

    /**
     * The intent of a button reply. Meta's "Stop promotions" button (payload {@code STOP_PROMOTIONS}) and the suite's
     * {@code UNSUBSCRIBE} button are STOP whatever their title says; any other button is read by its title, as if
     * typed (a title in the customer's language: "Abmelden", "Ja, bestätigen"), or by its payload when it has none.
     */
    public Classification classifyButton(String payload, String title) {
        if (payload != null && STOP_PAYLOADS.contains(payload.trim().toUpperCase(Locale.ROOT))) {
            return new Classification(Intent.STOP, null, VERSION);
        }
        if (title != null && TextFolder.foldWord(title).equals("stoppromotions")) {
            return new Classification(Intent.STOP, "en", VERSION);
        }
        return classify(title != null && !title.isBlank() ? title : payload);
    }

    /**
     * Stop signs, no-entry signs and a raised hand (🛑 ⛔ 🚫 ✋ 🤚), and the refusals 🙅 (gesturing no), 🔕 (bell
     * muted), 📵 (no phones) and 🖕: read as "stop" whatever the person's language.
     */
    private static final List<Integer> STOP_SIGNS = List.of(0x1F6D1, 0x26D4, 0x1F6AB, 0x270B, 0x1F91A, 0x1F645,
            0x1F515, 0x1F4F5, 0x1F595);

    /** Whether the text holds a stop sign and, besides, only other symbols, punctuation and spaces. */
    private static boolean onlyStopSigns(String text) {
        boolean sign = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (STOP_SIGNS.contains(c)) {
                sign = true;
            } else if (Character.isLetterOrDigit(c)) {
                return false;
            }
        }
        return sign;
    }

    private static Classification none() {
        return new Classification(Intent.NONE, null, VERSION);
    }
}
