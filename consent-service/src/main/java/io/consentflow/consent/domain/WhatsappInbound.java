package io.consentflow.consent.domain;

import io.consentflow.rules.inbound.InboundReading;
import java.time.Instant;

/** One record of whatsapp-inbound as this service needs it (mapped from Avro in adapters.kafka). */
public sealed interface WhatsappInbound {

    String eventId();

    /**
     * A chat message as the gateway read it: its intent and language (consent-rules), never the free text.
     *
     * @param from the sender as WhatsApp wrote it
     */
    record ChatMessage(String eventId, String from, InboundReading reading, String buttonPayload, String wamid,
            Instant receivedAt) implements WhatsappInbound {
    }

    /** Meta's marketing-preference change for a number: stop, resume or a value this service does not know. */
    record PreferenceChange(String eventId, String from, Preference value) implements WhatsappInbound {
    }

    enum Preference { UNKNOWN, STOP, RESUME }
}
