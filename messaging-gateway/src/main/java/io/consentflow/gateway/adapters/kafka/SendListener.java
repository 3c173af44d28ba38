package io.consentflow.gateway.adapters.kafka;

import io.consentflow.gateway.app.MessageLog;
import io.consentflow.gateway.app.ProcessSendRequests;
import io.consentflow.gateway.app.SendHistory;
import io.consentflow.gateway.app.TemplateRefresh;
import io.consentflow.platform.idempotency.IdempotentConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Consumes send-requests a batch at a time and sends the batch concurrently; offsets are committed only after every
 * request of the batch has its outcome, so a slow or throttled Cloud API slows consumption down instead of losing
 * requests. A malformed request goes to {@code send-requests-dlt} with its reason; the ones before it are handled. A
 * database or broker fault fails the batch, which the platform's error handler retries with back-off (never into the
 * DLT): the claims make the retry send nothing twice.
 * The container starts only after the consent view has caught up, the frequency ledger was restored and the
 * template catalog was loaded; readiness waits for the view, not for the ledger (see {@link #afterPreparation}).
 */
@Component
class SendListener {

    static final String ID = "send-requests";
    private static final Logger LOG = LoggerFactory.getLogger(SendListener.class);
    /** The first pause before the restore is tried again when the store did not answer (doubling up to 30 s). */
    static final Duration RESTORE_RETRY = Duration.ofSeconds(2);

    private final ProcessSendRequests requests;
    private final IdempotentConsumer sendRequests;
    private final KafkaListenerEndpointRegistry registry;
    private final ConsentView view;
    private final MessageLog log;
    private final SendHistory history;
    private final TemplateRefresh templates;

    SendListener(ProcessSendRequests requests, @Qualifier("sendRequestsConsumer") IdempotentConsumer sendRequests,
            KafkaListenerEndpointRegistry registry, ConsentView view, MessageLog log, SendHistory history,
            TemplateRefresh templates) {
        this.requests = requests;
        this.sendRequests = sendRequests;
        this.registry = registry;
        this.view = view;
        this.log = log;
        this.history = history;
        this.templates = templates;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startWhenViewIsReady() {
        // the frequency cap and recipient pacing of the sends before a restart, before the first new one is judged,
        // and only with the business account's templates known: the gate judges a template by its registration
        afterPreparation(log.createIndexes().then(Mono.defer(history::restore)),
                () -> view.whenReady(() -> templates.whenLoaded(() -> registry.getListenerContainer(ID).start())),
                RESTORE_RETRY);
    }

    /**
     * Runs {@code start} once {@code preparation} has completed, trying it again while it fails, without holding the
     * caller. The restore reads every claim of the frequency cap's window; blocking the ready event on it kept
     * readiness DOWN for minutes although webhooks (STOPs among them) and the staff API already served: in the chaos
     * suite's full size a gateway restarted after 50,000 sends was not ready within 6 minutes at load average 50-70.
     */
    static Disposable afterPreparation(Mono<Void> preparation, Runnable start, Duration firstRetry) {
        return preparation.retryWhen(Retry.backoff(Long.MAX_VALUE, firstRetry).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> LOG.warn("send history not restored, trying again: {}",
                                signal.failure().getClass().getSimpleName())))
                .subscribe(null, error -> LOG.error("send history not restored", error), start);
    }

    @KafkaListener(id = ID, topics = "send-requests", containerFactory = "sendRequestsFactory", autoStartup = "false")
    void onBatch(List<ConsumerRecord<String, SpecificRecord>> records) {
        List<BatchListenerFailedException> poison = new ArrayList<>(1);
        // a poll whose requests all have their outcomes acknowledged is not claimed again when it is redelivered;
        // a poison record fails the apply, so nothing of the poll is remembered and the rest comes back
        sendRequests.process(records, SendListener::position, fresh -> requests.process(received(fresh),
                        (error, index) -> poison.add(new BatchListenerFailedException(error.getMessage(), error,
                                records.indexOf(fresh.get(index)))))
                        .then(Mono.defer(() -> poison.isEmpty() ? Mono.empty() : Mono.error(poison.get(0)))))
                .block();
    }

    private static List<ProcessSendRequests.Received> received(List<ConsumerRecord<String, SpecificRecord>> records) {
        return records.stream().map(r -> new ProcessSendRequests.Received(r.value(), r.partition(), r.offset()))
                .toList();
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.partition() + "/" + record.offset();
    }
}
