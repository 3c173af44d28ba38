package io.consentflow.consent.domain;

import io.consentflow.rules.inbound.InboundReading;

/**
 * What an inbound WhatsApp message asks of this service: the gateway's reading of it (consent-rules), plus the
 * single-use token when it is a tap on this service's own confirmation button.
 */
public record InboundIntent(Kind kind, String language, String token) {

    public enum Kind { NONE, STOP, STOP_PROMOTIONS, ERASE, UNCERTAIN, CONFIRM, START }

    public static InboundIntent of(InboundReading reading, String buttonPayload) {
        String token = buttonPayload != null && buttonPayload.startsWith(ConfirmationToken.PAYLOAD_PREFIX)
                ? buttonPayload.substring(ConfirmationToken.PAYLOAD_PREFIX.length()) : null;
        Kind kind = switch (reading.kind()) {
            case NONE -> Kind.NONE;
            case STOP -> Kind.STOP;
            case STOP_PROMOTIONS -> Kind.STOP_PROMOTIONS;
            case ERASE -> Kind.ERASE;
            case UNCERTAIN -> Kind.UNCERTAIN;
            case YES -> Kind.CONFIRM;
            case START -> Kind.START;
        };
        return new InboundIntent(kind, reading.language(), kind == Kind.CONFIRM ? token : null);
    }
}
