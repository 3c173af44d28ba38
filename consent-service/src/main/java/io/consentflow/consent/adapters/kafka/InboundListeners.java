package io.consentflow.consent.adapters.kafka;

import io.consentflow.consent.app.ErasureService;
import io.consentflow.consent.app.InboundService;
import io.consentflow.consent.domain.ErasureRequest;
import io.consentflow.consent.domain.MessageFailure;
import io.consentflow.consent.domain.WhatsappInbound;
import io.consentflow.platform.idempotency.IdempotentConsumer;
import io.consentflow.platform.kafka.PolledRecords;
import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Kafka adapters, a poll at a time: unwrap (Avro -> the app's records, {@link PolledRecords}), dedupe through the
 * consumer's {@link IdempotentConsumer} (one lookup and one insert per poll), make the one application call and wait
 * for it, so the offsets are committed only after the subject documents are written. The dedupe is the first line;
 * the second, atomic with each change, is the eventIds the subject document keeps ({@code ConsentCommands}): it makes
 * a redelivery harmless in the window between an apply and its remembering.
 */
@Component
class InboundListeners {

    /** A poll applies one sender's events after the other, senders side by side; well inside max.poll.interval.ms. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final InboundService inbound;
    private final ErasureService erasure;
    private final IdempotentConsumer whatsappEvents;
    private final IdempotentConsumer messageFailures;
    private final IdempotentConsumer erasureRequests;

    InboundListeners(InboundService inbound, ErasureService erasure,
            @Qualifier("whatsappInboundConsumer") IdempotentConsumer whatsappEvents,
            @Qualifier("messageFailuresConsumer") IdempotentConsumer messageFailures,
            @Qualifier("erasureRequestsConsumer") IdempotentConsumer erasureRequests) {
        this.inbound = inbound;
        this.erasure = erasure;
        this.whatsappEvents = whatsappEvents;
        this.messageFailures = messageFailures;
        this.erasureRequests = erasureRequests;
    }

    @KafkaListener(id = "consent-whatsapp-inbound", topics = "whatsapp-inbound", idIsGroup = false, batch = "true")
    void whatsappInbound(List<ConsumerRecord<String, SpecificRecord>> records) {
        PolledRecords<WhatsappInbound> batch = PolledRecords.of(records, InboundEvents::whatsapp);
        apply(batch, whatsappEvents.process(batch.events(), WhatsappInbound::eventId, inbound::onWhatsappInbound));
    }

    // four events per message sent, of which only a failed 131050 matters: fuller fetches, at most 100 ms later; the
    // others are dropped before the dedupe, so they cost no lookup
    @KafkaListener(id = "consent-message-events", topics = "message-events", idIsGroup = false, batch = "true",
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=100"})
    void messageEvents(List<ConsumerRecord<String, SpecificRecord>> records) {
        PolledRecords<MessageFailure> batch = PolledRecords.of(records, InboundEvents::failure);
        apply(batch, messageFailures.process(batch.events(), MessageFailure::eventId, inbound::onMessageFailures));
    }

    @KafkaListener(id = "consent-retention-commands", topics = "retention-commands", idIsGroup = false,
            batch = "true")
    void retentionCommands(List<ConsumerRecord<String, SpecificRecord>> records) {
        PolledRecords<ErasureRequest> batch = PolledRecords.of(records, InboundEvents::erasure);
        apply(batch, erasureRequests.process(batch.events(), ErasureRequest::eventId, erasure::onErasureRequests));
    }

    /**
     * Waits for the deduplicated apply of the events before any poison record, then ends the batch at the poison.
     * A failed apply commits nothing: the error handler retries the batch from its first record (a database or
     * broker outage for as long as it lasts, see {@code DeadLetters}).
     */
    private static void apply(PolledRecords<?> batch, Mono<Void> dedupedApply) {
        try {
            dedupedApply.block(TIMEOUT);
        } catch (RuntimeException failed) {
            throw new BatchListenerFailedException("batch failed", failed, 0);
        }
        batch.throwIfPoisoned();
    }
}
