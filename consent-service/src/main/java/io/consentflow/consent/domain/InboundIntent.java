package io.consentflow.consent.domain;

import io.consentflow.keywords.KeywordRecogniser;
import io.consentflow.keywords.Recognisers;
import io.consentflow.keywords.StopCommand;
import java.util.Optional;

/** What an inbound WhatsApp message asks for, decided from its text or button alone. */
public record InboundIntent(Kind kind, String language, String token) {

    public enum Kind { NONE, STOP, STOP_PROMOTIONS, CONFIRM, START }

    private static final KeywordRecogniser START = Recognisers.start();
    private static final KeywordRecogniser YES = Recognisers.confirm();

    public static InboundIntent classify(String type, String text, String buttonPayload, String buttonTitle) {
        boolean button = buttonPayload != null || "button".equals(type) || "interactive".equals(type);
        if (button && buttonPayload != null && buttonPayload.startsWith(ConfirmationToken.PAYLOAD_PREFIX)) {
            return new InboundIntent(Kind.CONFIRM, null,
                    buttonPayload.substring(ConfirmationToken.PAYLOAD_PREFIX.length()));
        }
        // the STOP reading is shared with the gateway, which blocks on it before this service's snapshot arrives
        Optional<StopCommand> stop = StopCommand.in(type, text, buttonPayload, buttonTitle);
        if (stop.isPresent()) {
            return stop.get().scope() == StopCommand.Scope.MARKETING
                    ? new InboundIntent(Kind.STOP_PROMOTIONS, null, null)
                    : new InboundIntent(Kind.STOP, stop.get().language(), null);
        }
        String words = button ? (buttonTitle != null ? buttonTitle : buttonPayload) : text;
        if (words == null || words.isBlank()) {
            return new InboundIntent(Kind.NONE, null, null);
        }
        var yes = YES.recognise(words);
        if (yes.isPresent()) {
            return new InboundIntent(Kind.CONFIRM, yes.get().language(), null);
        }
        var start = START.recognise(words);
        if (start.isPresent()) {
            return new InboundIntent(Kind.START, start.get().language(), null);
        }
        return new InboundIntent(Kind.NONE, null, null);
    }
}
