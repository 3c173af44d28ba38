package io.consentflow.rules.inbound;

import io.consentflow.rules.intent.Classification;
import io.consentflow.rules.intent.IntentRecogniser;
import java.util.Locale;

/**
 * What an inbound WhatsApp message asks for, read from its text or its button. The gateway reads every message once,
 * where it enters, blocks at once on a withdrawal and publishes the reading instead of the text; consent-service acts
 * on that reading. Records written before the gateway read them carry only the text, and are read here the same way.
 *
 * @param kind              what the message asks for
 * @param language          ISO 639-1 code of the words that decided, null when unknown
 * @param recogniserVersion the recogniser that read it ({@link IntentRecogniser#VERSION})
 */
public record InboundReading(Kind kind, String language, String recogniserVersion) {

    /** Mirrors the contract's MessageIntent symbol for symbol (the adapters map by name). */
    public enum Kind {
        NONE, STOP, STOP_PROMOTIONS, ERASE, START, YES, UNCERTAIN;

        /** Every purpose ends at once: the gateway blocks the contact before consent-service's snapshot arrives. */
        public boolean withdrawsAll() {
            return this == STOP || this == ERASE;
        }

        public boolean withdraws() {
            return withdrawsAll() || this == STOP_PROMOTIONS;
        }
    }

    /** consent-service's confirmation buttons carry this prefix and a single-use token. */
    public static final String CONFIRM_PAYLOAD_PREFIX = "CONFIRM:";
    /** consent-service's one-tap unsubscribe button; the recogniser reads its tap as a STOP. */
    public static final String UNSUBSCRIBE_PAYLOAD = IntentRecogniser.UNSUBSCRIBE_PAYLOAD;

    private static final IntentRecogniser RECOGNISER = IntentRecogniser.standard();

    /** Reads a message as Meta delivers it: its type, its text, or its button's payload and title. */
    public static InboundReading of(String type, String text, String buttonPayload, String buttonTitle) {
        boolean button = buttonPayload != null || "button".equals(type) || "interactive".equals(type);
        if (!button) {
            return from(RECOGNISER.classify(text));
        }
        if (buttonPayload != null && buttonPayload.startsWith(CONFIRM_PAYLOAD_PREFIX)) {
            return new InboundReading(Kind.YES, null, IntentRecogniser.VERSION);
        }
        if (isStopPromotions(buttonPayload) || isStopPromotions(buttonTitle)) {
            return new InboundReading(Kind.STOP_PROMOTIONS, null, IntentRecogniser.VERSION);
        }
        return from(RECOGNISER.classifyButton(buttonPayload, buttonTitle));
    }

    /**
     * The reading a record carries ({@code intent} is the contract's symbol name), or, for a record written before the
     * gateway read messages (no intent), the reading of its text and button.
     */
    public static InboundReading recorded(String intent, String language, String recogniserVersion, String type,
            String text, String buttonPayload, String buttonTitle) {
        return intent == null ? of(type, text, buttonPayload, buttonTitle)
                : new InboundReading(Kind.valueOf(intent), language, recogniserVersion);
    }

    private static InboundReading from(Classification classification) {
        return new InboundReading(Kind.valueOf(classification.intent().name()), classification.language(),
                classification.recogniserVersion());
    }

    /**
     * Meta's marketing opt-out button ("Stop promotions") and the payload the suite's templates give it: the marketing
     * purposes only, unlike a STOP in words.
     */
    static boolean isStopPromotions(String value) {
        if (value == null) {
            return false;
        }
        String folded = value.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]+", " ").trim();
        return folded.equals("stop promotions") || folded.equals("stop promotion") || folded.equals("werbung stoppen")
                || folded.equals("werbung stopen");
    }
}
