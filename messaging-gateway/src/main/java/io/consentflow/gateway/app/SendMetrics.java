package io.consentflow.gateway.app;

import io.consentflow.gateway.domain.Refusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The send pipeline's meters, registered once: the gate's latency, how long each stage of a batch takes, and what
 * became of each request. A registry lookup per message (building a meter id, hashing its tags) cost about a
 * microsecond each time; every counter exists from the start, so a dashboard shows a zero rather than nothing.
 */
@Component
final class SendMetrics {

    final Timer gate;
    final Timer claim;
    final Timer storeOutcomes;
    final Timer awaitAcks;
    final Timer batch;
    private final Counter sent;
    private final Counter failed;
    private final Counter ambiguous;
    private final Counter redelivered;
    private final Counter lostDecision;
    private final Map<Refusal, Counter> blocked = new EnumMap<>(Refusal.class);

    SendMetrics(MeterRegistry meters) {
        this.gate = Timer.builder("consentflow.gateway.gate.latency").publishPercentiles(0.5, 0.99).register(meters);
        this.claim = stage("claim", meters);
        this.storeOutcomes = stage("store_outcomes", meters);
        this.awaitAcks = stage("await_acks", meters);
        this.batch = stage("batch", meters);
        this.sent = outcome("sent", meters);
        this.failed = outcome("failed", meters);
        this.ambiguous = outcome("ambiguous", meters);
        this.redelivered = meters.counter("consentflow.gateway.send.redelivered");
        this.lostDecision = meters.counter("consentflow.gateway.send.decided_elsewhere");
        for (Refusal refusal : Refusal.values()) {
            blocked.put(refusal, meters.counter("consentflow.gateway.send.blocked", "reason", refusal.name()));
        }
    }

    /** Where a batch waits, for operators and the benchmark. */
    private static Timer stage(String stage, MeterRegistry meters) {
        return Timer.builder("consentflow.gateway.send.stage").tag("stage", stage).register(meters);
    }

    private static Counter outcome(String result, MeterRegistry meters) {
        return meters.counter("consentflow.gateway.send.outcome", "result", result);
    }

    void called(CallResult result) {
        (result.accepted() ? sent : result.ambiguous() ? ambiguous : failed).increment();
    }

    void blocked(Refusal refusal) {
        blocked.get(refusal).increment();
    }

    /** Another attempt at the same requestId recorded its call first (a redelivery on another instance). */
    void lostDecision() {
        lostDecision.increment();
    }

    void redelivered() {
        redelivered.increment();
    }

    static <T> Mono<T> timed(Timer timer, Mono<T> stage) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return stage.doFinally(signal -> timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        });
    }
}
