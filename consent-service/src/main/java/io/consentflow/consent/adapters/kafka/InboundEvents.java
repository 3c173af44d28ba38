package io.consentflow.consent.adapters.kafka;

import io.consentflow.consent.domain.ErasureRequest;
import io.consentflow.consent.domain.ErasureScope;
import io.consentflow.consent.domain.MessageFailure;
import io.consentflow.consent.domain.WhatsappInbound.ChatMessage;
import io.consentflow.consent.domain.WhatsappInbound.Preference;
import io.consentflow.consent.domain.WhatsappInbound.PreferenceChange;
import io.consentflow.consent.domain.WhatsappInbound;
import io.consentflow.events.ErasureRequested;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MarketingPreferenceChanged;
import io.consentflow.events.MessageFailed;
import io.consentflow.platform.kafka.InboundReadings;
import org.apache.avro.specific.SpecificRecord;

/** The Avro events this service consumes, as the app's records; null for an event type the app does not act on. */
final class InboundEvents {

    private InboundEvents() {
    }

    /** A chat message (with the gateway's reading of it) or a Meta marketing-preference change. */
    static WhatsappInbound whatsapp(SpecificRecord event) {
        if (event instanceof InboundMessage message) {
            return new ChatMessage(message.getEventId(), message.getFrom(), InboundReadings.of(message),
                    message.getButtonPayload(), message.getWamid(), message.getReceivedAt());
        }
        if (event instanceof MarketingPreferenceChanged change) {
            return new PreferenceChange(change.getEventId(), change.getFrom(),
                    Preference.valueOf(change.getValue().name()));
        }
        return null;
    }

    static MessageFailure failure(SpecificRecord event) {
        return event instanceof MessageFailed failed
                ? new MessageFailure(failed.getEventId(), failed.getSubjectId(), failed.getErrorCode()) : null;
    }

    static ErasureRequest erasure(SpecificRecord event) {
        return event instanceof ErasureRequested request
                ? new ErasureRequest(request.getEventId(), request.getErasureId(), request.getSubjectId(),
                        ErasureScope.valueOf(request.getScope().name()), request.getPurpose())
                : null;
    }
}
