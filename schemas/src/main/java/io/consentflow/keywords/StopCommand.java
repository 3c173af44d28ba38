package io.consentflow.keywords;

import java.util.Optional;

/**
 * Whether an inbound WhatsApp message withdraws consent (docs/architecture.md#stop): a STOP keyword or phrase in any of the
 * suite's languages withdraws every purpose, the "Stop promotions" button the marketing ones. It is part of the
 * contract because two services act on the same message: consent-service records the withdrawal, and the gateway
 * blocks at once, before consent-service's new snapshot reaches it. Both must read a message the same way.
 *
 * @param scope    what the message withdraws
 * @param language the language of the keyword or phrase that matched (null for the button)
 */
public record StopCommand(Scope scope, String language) {

    /** ALL: every purpose and any pending opt-in; MARKETING: the marketing purposes only. */
    public enum Scope { ALL, MARKETING }

    private static final KeywordRecogniser STOP = Recognisers.stop();

    /** The withdrawal in a message, if it is one; button payloads and titles are read like text. */
    public static Optional<StopCommand> in(String type, String text, String buttonPayload, String buttonTitle) {
        boolean button = buttonPayload != null || "button".equals(type) || "interactive".equals(type);
        if (button && (isStopPromotions(buttonPayload) || isStopPromotions(buttonTitle))) {
            return Optional.of(new StopCommand(Scope.MARKETING, null));
        }
        String words = button ? (buttonTitle != null ? buttonTitle : buttonPayload) : text;
        if (words == null || words.isBlank()) {
            return Optional.empty();
        }
        return STOP.recognise(words).map(match -> new StopCommand(Scope.ALL, match.language()));
    }

    /** Meta's marketing opt-out button ("Stop promotions") and the payload the suite's templates give it. */
    static boolean isStopPromotions(String value) {
        if (value == null) {
            return false;
        }
        // folding makes "STOP_PROMOTIONS", "Stop promotions" and "Stopp Promotions" equal
        String folded = TextNormaliser.fold(value);
        return folded.equals("stop promotions") || folded.equals("stop promotion") || folded.equals("werbung stopen");
    }
}
