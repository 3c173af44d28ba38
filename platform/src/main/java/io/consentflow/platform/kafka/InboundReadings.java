package io.consentflow.platform.kafka;

import io.consentflow.events.InboundMessage;
import io.consentflow.rules.inbound.InboundReading;

/** The reading an InboundMessage carries, for every consumer of {@code whatsapp-inbound} alike. */
public final class InboundReadings {

    private InboundReadings() {
    }

    /** The gateway's reading; for a record written before the gateway read messages, the reading of its text. */
    public static InboundReading of(InboundMessage message) {
        return InboundReading.recorded(message.getIntent() == null ? null : message.getIntent().name(),
                message.getLanguage(), message.getRecogniserVersion(), message.getType(), message.getText(),
                message.getButtonPayload(), message.getButtonTitle());
    }
}
