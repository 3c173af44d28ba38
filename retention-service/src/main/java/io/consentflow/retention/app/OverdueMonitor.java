package io.consentflow.retention.app;

import io.consentflow.retention.domain.Erasure;
import io.consentflow.schemas.Events;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Erasures whose receipts did not all arrive within the grace period. Exposed as the gauge
 * {@code consentflow_retention_overdue}; each overdue erasure is reported once across replicas with a structured WARN
 * (ids only) and its ErasureRequested is sent once more with the same erasureId: a lost command is retried, and the
 * audit log, which records every event on retention-commands, shows the repeated request as the overdue mark.
 */
@Service
public class OverdueMonitor {

    private static final Logger log = LoggerFactory.getLogger(OverdueMonitor.class);

    private final ErasureStore erasures;
    private final ErasurePublisher publisher;
    private final Clock clock;
    private final AtomicLong overdue = new AtomicLong();

    public OverdueMonitor(ErasureStore erasures, ErasurePublisher publisher, Clock clock, MeterRegistry registry) {
        this.erasures = erasures;
        this.publisher = publisher;
        this.clock = clock;
        Gauge.builder("consentflow.retention.overdue", overdue, AtomicLong::get)
                .description("erasures whose receipts are missing after the grace period").register(registry);
    }

    public Flux<Erasure> overdue() {
        return erasures.overdue(clock.instant());
    }

    /** Recounts the gauge and reports newly overdue erasures; emits the current overdue count. */
    public Mono<Long> check() {
        return overdue().collectList().flatMap(list -> {
            overdue.set(list.size());
            return Flux.fromIterable(list).concatMap(this::reportOnce).then(Mono.just((long) list.size()));
        });
    }

    private Mono<Void> reportOnce(Erasure erasure) {
        return erasures.markOverdueReported(erasure.erasureId()).flatMap(first -> {
            if (!first) {
                return Mono.empty();
            }
            List<String> missing = erasure.missingReceipts();
            log.warn("erasure overdue: erasureId={} kind={} scope={} requestedAt={} overdueSince={} missingReceipts={}",
                    erasure.erasureId(), erasure.kind(), erasure.scope(), erasure.requestedAt(), erasure.overdueAt(),
                    missing);
            return publisher.publish(erasure, Events.newEventId()).onErrorResume(e -> Mono.empty());
        });
    }
}
