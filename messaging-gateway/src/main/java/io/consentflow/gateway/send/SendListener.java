package io.consentflow.gateway.send;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.consent.ConsentView;
import io.consentflow.gateway.templates.TemplateCatalogLoader;
import io.consentflow.schemas.kafka.PoisonRecordException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes send-requests a batch at a time and sends the batch concurrently; offsets are committed only after every
 * request of the batch has its outcome, so a slow or throttled Cloud API slows consumption down instead of losing
 * requests. A malformed request goes to {@code send-requests-dlt} with its reason; the ones before it are handled. A
 * database or broker fault fails the batch, which the platform's error handler retries with back-off (never into the
 * DLT): the claims make the retry send nothing twice.
 * The container starts only after the consent view has caught up, the frequency ledger was restored and the
 * template catalog was loaded.
 */
@Component
class SendListener {

    static final String ID = "send-requests";

    private final SendPipeline pipeline;
    private final KafkaListenerEndpointRegistry registry;
    private final ConsentView view;
    private final MessageLog log;
    private final SendHistory history;
    private final TemplateCatalogLoader templates;

    SendListener(SendPipeline pipeline, KafkaListenerEndpointRegistry registry, ConsentView view, MessageLog log,
            SendHistory history, TemplateCatalogLoader templates) {
        this.pipeline = pipeline;
        this.registry = registry;
        this.view = view;
        this.log = log;
        this.history = history;
        this.templates = templates;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startWhenViewIsReady() {
        // the frequency cap and recipient pacing of the sends before a restart, before the first new one is judged
        log.createIndexes().then(history.restore()).block();
        // and only with the business account's templates known: the gate judges a template by its registration
        view.whenReady(() -> templates.whenLoaded(() -> registry.getListenerContainer(ID).start()));
    }

    @KafkaListener(id = ID, topics = "send-requests", containerFactory = "sendRequestsFactory", autoStartup = "false")
    void onBatch(List<ConsumerRecord<String, SpecificRecord>> records) {
        List<SendRequest> valid = new ArrayList<>(records.size());
        Map<SendRequest, SendPipeline.Source> sources = new IdentityHashMap<>(records.size());
        RuntimeException poison = null;
        int poisonIndex = -1;
        for (int i = 0; i < records.size() && poison == null; i++) {
            try {
                if (!(records.get(i).value() instanceof SendRequest request)) {
                    throw new PoisonRecordException("value: not a SendRequest");
                }
                SendRequests.validate(request);
                valid.add(request);
                sources.put(request, new SendPipeline.Source(records.get(i).partition(), records.get(i).offset()));
            } catch (PoisonRecordException e) {
                poison = e;
                poisonIndex = i;
            }
        }
        pipeline.processBatch(valid, sources::get).block();
        if (poison != null) {
            // handled records before it are committed, the poison one goes to the DLT, the rest is redelivered
            throw new BatchListenerFailedException(poison.getMessage(), poison, poisonIndex);
        }
    }
}
