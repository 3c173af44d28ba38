package io.consentflow.platform.scheduling;

import io.consentflow.platform.idempotency.IdempotentConsumer;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * The explicit purge of one consumer's remembered event ids: every {@code interval}, ids older than {@code keep} are
 * forgotten (no TTL index). {@code keep} must exceed the longest a record can be redelivered after it was applied
 * (the topic's retention, for a consumer that may be reset to the earliest offset).
 */
public class ProcessedEventsPurge extends ReactivePeriodicTask {

    private final IdempotentConsumer consumer;
    private final Clock clock;
    private final Duration keep;

    public ProcessedEventsPurge(String name, IdempotentConsumer consumer, Clock clock, Duration keep,
            Duration interval) {
        super(name, interval, Duration.ofMinutes(1));
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("remembered event ids must be kept for a positive period");
        }
        this.consumer = consumer;
        this.clock = clock;
        this.keep = keep;
    }

    @Override
    protected Mono<Long> run() {
        return consumer.forgetBefore(clock.instant().minus(keep));
    }
}
