package io.consentflow.consent.domain;

/** What an inbound WhatsApp message asks for, decided from its text or button alone. */
public record InboundIntent(Kind kind, String language, String token) {

    public enum Kind { NONE, STOP, STOP_PROMOTIONS, CONFIRM, START }

    private static final KeywordRecogniser STOP = Recognisers.stop();
    private static final KeywordRecogniser START = Recognisers.start();
    private static final KeywordRecogniser YES = Recognisers.confirm();

    public static InboundIntent classify(String type, String text, String buttonPayload, String buttonTitle) {
        if (buttonPayload != null || "button".equals(type) || "interactive".equals(type)) {
            String payload = buttonPayload == null ? "" : buttonPayload;
            if (payload.startsWith(ConfirmationToken.PAYLOAD_PREFIX)) {
                return new InboundIntent(Kind.CONFIRM, null, payload.substring(ConfirmationToken.PAYLOAD_PREFIX.length()));
            }
            if (isStopPromotions(payload) || isStopPromotions(buttonTitle)) {
                return new InboundIntent(Kind.STOP_PROMOTIONS, null, null);
            }
            return classifyText(buttonTitle != null ? buttonTitle : payload);
        }
        return classifyText(text);
    }

    private static InboundIntent classifyText(String text) {
        if (text == null || text.isBlank()) {
            return new InboundIntent(Kind.NONE, null, null);
        }
        var stop = STOP.recognise(text);
        if (stop.isPresent()) {
            return new InboundIntent(Kind.STOP, stop.get().language(), null);
        }
        var yes = YES.recognise(text);
        if (yes.isPresent()) {
            return new InboundIntent(Kind.CONFIRM, yes.get().language(), null);
        }
        var start = START.recognise(text);
        if (start.isPresent()) {
            return new InboundIntent(Kind.START, start.get().language(), null);
        }
        return new InboundIntent(Kind.NONE, null, null);
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
