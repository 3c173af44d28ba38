package io.consentflow.consent.adapters.kafka;

import io.consentflow.consent.app.ErasureRequest;
import io.consentflow.consent.app.ErasureService;
import io.consentflow.consent.app.InboundService;
import io.consentflow.consent.app.MessageFailure;
import io.consentflow.consent.app.WhatsappInbound;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Kafka adapters: unwrap, call one service method, wait for it (so the offset is committed only after the subject
 * document — with the eventId that makes redelivery harmless — is written).
 */
@Component
class InboundListeners {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final InboundService inbound;
    private final ErasureService erasure;

    InboundListeners(InboundService inbound, ErasureService erasure) {
        this.inbound = inbound;
        this.erasure = erasure;
    }

    @KafkaListener(id = "consent-whatsapp-inbound", topics = "whatsapp-inbound", idIsGroup = false)
    void whatsappInbound(SpecificRecord event) {
        WhatsappInbound inboundEvent = InboundEvents.whatsapp(event);
        if (inboundEvent != null) {
            inbound.onWhatsappInbound(inboundEvent).block(TIMEOUT);
        }
    }

    // four events per message sent, of which only a failed 131050 matters: fuller fetches, at most 100 ms later
    @KafkaListener(id = "consent-message-events", topics = "message-events", idIsGroup = false,
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=100"})
    void messageEvents(SpecificRecord event) {
        MessageFailure failed = InboundEvents.failure(event);
        if (failed != null) {
            inbound.onMessageFailed(failed).block(TIMEOUT);
        }
    }

    @KafkaListener(id = "consent-retention-commands", topics = "retention-commands", idIsGroup = false)
    void retentionCommands(SpecificRecord event) {
        ErasureRequest request = InboundEvents.erasure(event);
        if (request != null) {
            erasure.onErasureRequested(request).block(TIMEOUT);
        }
    }
}
