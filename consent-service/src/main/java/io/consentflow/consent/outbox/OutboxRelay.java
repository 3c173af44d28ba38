package io.consentflow.consent.outbox;

import io.consentflow.consent.config.ConsentProperties;
import io.consentflow.consent.domain.OutboxEntry;
import io.consentflow.consent.registry.ConcurrentUpdateException;
import io.consentflow.consent.registry.SubjectRepository;
import io.consentflow.consent.registry.SubjectRepository.PendingOutbox;
import io.consentflow.platform.observability.TraceParents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Publishes the events waiting in subject documents and then removes them there. Published before removed, so a
 * crash in between re-publishes the same events (same eventId; consumers dedupe) and never loses one. A write kicks
 * the relay at once; a periodic scan picks up whatever a crashed instance left behind. One thread keeps the order of
 * a subject's events. Each event is published in the trace of the change that queued it, when that was traced.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final int PARALLEL_READS = 16;

    private final SubjectRepository subjects;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final ConsentProperties.Outbox settings;
    private final SendRequestSigner signer;
    private final TraceParents traces;
    private final Set<String> kicked = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public OutboxRelay(SubjectRepository subjects, KafkaTemplate<String, SpecificRecord> kafka,
            ConsentProperties properties, TraceParents traces) {
        this.subjects = subjects;
        this.kafka = kafka;
        this.settings = properties.outbox();
        this.signer = new SendRequestSigner(properties.sendSigningKey());
        this.traces = traces;
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
        long interval = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::scanSafely, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** A subject was just written: publish its events now rather than at the next scan. */
    public void kick(String subjectId) {
        ScheduledExecutorService current = executor;
        if (current == null) {
            return;
        }
        kicked.add(subjectId);
        if (drainScheduled.compareAndSet(false, true)) {
            current.execute(() -> {
                drainScheduled.set(false);
                List<String> ids = new ArrayList<>(kicked);
                kicked.removeAll(ids);
                drainSafely(ids);
            });
        }
    }

    /** Publishes everything pending in all documents (one batch); returns the number of events published. */
    public int drainAll() {
        List<String> ids = subjects.idsWithOutbox(settings.batchSize()).collectList().block();
        return ids == null ? 0 : drain(ids);
    }

    public int drain(List<String> subjectIds) {
        // MongoDB round trips of a batch run concurrently; each subject's events keep their order
        List<PendingOutbox> batch = Flux.fromIterable(subjectIds).flatMap(subjects::outboxOf, PARALLEL_READS)
                .filter(pending -> !pending.entries().isEmpty()).collectList().block();
        if (batch == null || batch.isEmpty()) {
            return 0;
        }
        List<List<CompletableFuture<SendResult<String, SpecificRecord>>>> sends = new ArrayList<>();
        for (PendingOutbox pending : batch) {
            List<CompletableFuture<SendResult<String, SpecificRecord>>> futures = new ArrayList<>();
            for (OutboxEntry entry : pending.entries()) {
                futures.add(traces.publishContinuing(entry.traceparent(), entry.topic(),
                        () -> kafka.send(entry.topic(), entry.key(), signer.signed(entry.value()))));
            }
            sends.add(futures);
        }
        List<PendingOutbox> acknowledged = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (allAcknowledged(sends.get(i))) {
                acknowledged.add(batch.get(i));
            }
        }
        Integer published = Flux.fromIterable(acknowledged).flatMap(pending -> {
            Set<String> ids = new HashSet<>();
            pending.entries().forEach(entry -> ids.add(entry.eventId()));
            return markSent(pending.subjectId(), ids)
                    .retryWhen(Retry.max(10).filter(ConcurrentUpdateException.class::isInstance))
                    .thenReturn(ids.size());
        }, PARALLEL_READS).reduce(0, Integer::sum).block();
        return published == null ? 0 : published;
    }

    /** Removes published entries from the document; a crash before this line republishes them. */
    protected Mono<Void> markSent(String subjectId, Set<String> eventIds) {
        return subjects.removeSent(subjectId, eventIds);
    }

    private static boolean allAcknowledged(List<CompletableFuture<SendResult<String, SpecificRecord>>> futures) {
        for (var future : futures) {
            try {
                future.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                log.warn("outbox publish failed; will retry at the next scan: {}", e.getClass().getSimpleName());
                return false;
            }
        }
        return true;
    }

    private void scanSafely() {
        try {
            while (drainAll() > 0 && executor != null && !Thread.currentThread().isInterrupted()) {
                // keep draining while full batches come back
            }
        } catch (RuntimeException e) {
            log.warn("outbox scan failed: {}", e.getClass().getSimpleName());
        }
    }

    private void drainSafely(List<String> ids) {
        try {
            drain(ids);
        } catch (RuntimeException e) {
            log.warn("outbox drain failed: {}", e.getClass().getSimpleName());
        }
    }
}
