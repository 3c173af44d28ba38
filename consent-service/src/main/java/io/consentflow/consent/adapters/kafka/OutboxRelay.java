package io.consentflow.consent.adapters.kafka;

import io.consentflow.consent.app.ConcurrentUpdateException;
import io.consentflow.consent.app.OutboxHandOver;
import io.consentflow.consent.app.OutboxStore.PendingOutbox;
import io.consentflow.consent.app.OutboxStore;
import io.consentflow.consent.config.ConsentProperties;
import io.consentflow.consent.domain.OutboxEntry;
import io.consentflow.platform.observability.TraceParents;
import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import io.consentflow.schemas.AvroEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Publishes the events waiting in subject documents and then removes them there. Published before removed, so a
 * crash in between re-publishes the same events (same eventId; consumers dedupe) and never loses one. A write hands
 * its outbox to the relay, which wakes at once and publishes it from memory ({@link WrittenOutboxes}); what fails is
 * read back from its document after a pause; a periodic scan ({@code outbox.poll-interval}) picks up whatever a
 * crashed instance left behind. One thread keeps the order of a subject's events. Each event is published in the
 * trace of the change that queued it, when that was traced.
 */
@Component
public class OutboxRelay extends ReactivePeriodicTask implements OutboxHandOver {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final int PARALLEL_READS = 16;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    /** The longest one run (a wake-up and, when due, a scan) may take; each subject's sends time out sooner. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    private final OutboxStore subjects;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final ConsentProperties.Outbox settings;
    private final SendRequestSigner signer;
    private final AvroEventDeserializer decoder = new AvroEventDeserializer();
    private final TraceParents traces;
    private final Set<String> kicked = ConcurrentHashMap.newKeySet();
    private final Map<String, Written> written = new ConcurrentHashMap<>();
    private final WrittenOutboxes writtenOut;
    private final AcknowledgedEvents acknowledged = new AcknowledgedEvents();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile long lastScanNanos;

    public OutboxRelay(OutboxStore subjects, KafkaTemplate<String, SpecificRecord> kafka,
            ConsentProperties properties, TraceParents traces) {
        super("outbox-relay", properties.outbox().pollInterval(), RUN_TIMEOUT);
        this.subjects = subjects;
        this.kafka = kafka;
        this.settings = properties.outbox();
        this.signer = new SendRequestSigner(properties.sendSigningKey());
        this.traces = traces;
        this.writtenOut = new WrittenOutboxes(this, subjects);
    }

    /** Not at all when {@code outbox.enabled} is false; otherwise a first scan at once. */
    @Override
    public synchronized void start() {
        if (!settings.enabled() || isRunning()) {
            return;
        }
        super.start();
        lastScanNanos = System.nanoTime() - settings.pollInterval().toNanos();
        runSoon();
    }

    /**
     * A subject was just written with these entries in its outbox at {@code revision}: publish them from memory at
     * once (no read back), then clear the outbox if the document is still at that revision.
     */
    @Override
    public void written(String subjectId, long revision, List<OutboxEntry> outbox) {
        if (!isRunning() || outbox.isEmpty()) {
            return;
        }
        written.merge(subjectId, new Written(subjectId, revision, outbox),
                (held, newer) -> held.revision() >= newer.revision() ? held : newer);
        wake();
    }

    /** A subject was just written: read its events from the document and publish them now. */
    @Override
    public void kick(String subjectId) {
        if (!isRunning()) {
            return;
        }
        kicked.add(subjectId);
        wake();
    }

    private void wake() {
        if (drainScheduled.compareAndSet(false, true)) {
            runSoon();
        }
    }

    /**
     * One run on the relay's thread (platform blocks on it): what writes handed over or kicked, then, once per
     * {@code outbox.poll-interval}, a scan for what a crashed instance left behind.
     */
    @Override
    protected Mono<Void> run() {
        drainScheduled.set(false);
        boolean scanDue = System.nanoTime() - lastScanNanos >= settings.pollInterval().toNanos();
        return scanDue ? woken().then(Mono.fromRunnable(() -> lastScanNanos = System.nanoTime())).then(scan())
                : woken();
    }

    /** Publishes the outboxes handed over (from memory) and those kicked (read back); retries what failed. */
    private Mono<Void> woken() {
        return Mono.defer(() -> {
            List<Written> fromMemory = new ArrayList<>();
            for (String id : List.copyOf(written.keySet())) {
                Written held = written.remove(id);
                if (held != null) {
                    fromMemory.add(held);
                }
            }
            List<String> ids = new ArrayList<>(kicked);
            kicked.removeAll(ids);
            Mono<List<String>> memoryFailed = writtenOut.publish(fromMemory).onErrorResume(RuntimeException.class,
                    e -> {
                        log.warn("outbox publish from memory failed: {}", e.getClass().getSimpleName());
                        return Mono.just(fromMemory.stream().map(Written::subjectId).toList());
                    });
            Mono<List<String>> kickedFailed = ids.isEmpty() ? Mono.just(List.of())
                    : drain(ids).thenReturn(List.<String>of()).onErrorResume(RuntimeException.class, e -> {
                        log.warn("outbox drain failed: {}", e.getClass().getSimpleName());
                        return Mono.just(ids);
                    });
            return memoryFailed.flatMap(failed -> kickedFailed.map(more -> {
                List<String> retry = new ArrayList<>(failed);
                retry.addAll(more);
                return retry;
            })).doOnNext(this::retryLater).then();
        });
    }

    /** Subjects whose events did not go out: read from their documents again after a pause, not at the next scan. */
    private void retryLater(List<String> subjectIds) {
        if (!subjectIds.isEmpty()) {
            Mono.delay(RETRY_PAUSE).subscribe(tick -> subjectIds.forEach(this::kick));
        }
    }

    /** Publishes everything pending in all documents (one batch); emits the number of events published. */
    public Mono<Integer> drainAll() {
        return subjects.idsWithOutbox(settings.batchSize()).collectList().flatMap(ids -> {
            // outboxes their writes handed over wait for the next wake-up on this same thread: during a rush the scan
            // found nothing but those, read and published them again, and kept this thread from the wake-ups
            ids.removeIf(written::containsKey);
            return ids.isEmpty() ? Mono.just(0) : drain(ids);
        });
    }

    /** Publishes the outboxes of these subjects as their documents hold them; emits the number of events published. */
    public Mono<Integer> drain(List<String> subjectIds) {
        // MongoDB round trips of a batch run concurrently; each subject's events keep their order
        return Flux.fromIterable(subjectIds).flatMap(subjects::outboxOf, PARALLEL_READS)
                .filter(pending -> !pending.entries().isEmpty()).collectList()
                // the sends leave from a worker thread, never from a MongoDB driver thread
                .publishOn(Schedulers.boundedElastic())
                .flatMap(batch -> batch.isEmpty() ? Mono.just(0) : publish(batch));
    }

    private Mono<Integer> publish(List<PendingOutbox> batch) {
        List<List<CompletableFuture<SendResult<String, SpecificRecord>>>> sends = new ArrayList<>();
        for (PendingOutbox pending : batch) {
            // an entry still in its document after its acknowledgement is removed below, not published again
            sends.add(pending.entries().stream().filter(entry -> !acknowledged.contains(entry)).map(this::send)
                    .toList());
        }
        return Flux.range(0, batch.size())
                .concatMap(i -> allAcknowledged(sends.get(i)).filter(Boolean::booleanValue).map(ok -> batch.get(i)))
                .doOnNext(pending -> acknowledged.addAll(pending.entries()))
                .flatMap(pending -> {
                    Set<String> ids = new HashSet<>();
                    pending.entries().forEach(entry -> ids.add(entry.eventId()));
                    return markSent(pending.subjectId(), ids)
                            .retryWhen(Retry.max(10).filter(ConcurrentUpdateException.class::isInstance))
                            .thenReturn(ids.size());
                }, PARALLEL_READS)
                .reduce(0, Integer::sum);
    }

    /**
     * Publishes one entry in the trace of the change that queued it; a SendRequest signed. The entry holds the bytes
     * its write encoded; decoded here and encoded again by the producer's serializer, they are the same bytes.
     */
    CompletableFuture<SendResult<String, SpecificRecord>> send(OutboxEntry entry) {
        SpecificRecord value = entry.value() == null ? null : decoder.deserialize(entry.topic(), entry.value());
        return traces.publishContinuing(entry.traceparent(), entry.topic(),
                () -> kafka.send(entry.topic(), entry.key(), signer.signed(value)));
    }

    /** The event ids this relay lately saw acknowledged, on either path. */
    AcknowledgedEvents acknowledged() {
        return acknowledged;
    }

    /** Removes published entries from the document; a crash before this line republishes them. */
    protected Mono<Void> markSent(String subjectId, Set<String> eventIds) {
        return subjects.removeSent(subjectId, eventIds);
    }

    /** True once the broker acknowledged every one of the sends; false (logged) on the first failure or timeout. */
    static Mono<Boolean> allAcknowledged(List<CompletableFuture<SendResult<String, SpecificRecord>>> futures) {
        return Flux.fromIterable(futures).concatMap(future -> Mono.fromFuture(future, true)).then(Mono.just(true))
                .timeout(SEND_TIMEOUT)
                .onErrorResume(e -> {
                    log.warn("outbox publish failed; will retry at the next scan: {}", e.getClass().getSimpleName());
                    return Mono.just(false);
                });
    }

    /** Drains batch after batch while events come back; a failure is logged and left to the next scan. */
    private Mono<Void> scan() {
        return drainAll().expand(published -> published > 0 && isRunning() ? drainAll() : Mono.empty()).then()
                .onErrorResume(RuntimeException.class, e -> {
                    log.warn("outbox scan failed: {}", e.getClass().getSimpleName());
                    return Mono.empty();
                });
    }

    /** A subject's outbox as its write left it: all its entries, at the revision they were written with. */
    record Written(String subjectId, long revision, List<OutboxEntry> entries) {
    }
}
