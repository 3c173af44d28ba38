package io.consentflow.consent.config;

import io.consentflow.consent.app.ExpirePendingOptIns;
import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Runs {@link ExpirePendingOptIns} every {@code expiry-scan-interval}, after creating the subject indexes. */
@Component
class ExpiryScheduling extends ReactivePeriodicTask {

    private final ExpirePendingOptIns expiry;
    private final Duration interval;

    ExpiryScheduling(ExpirePendingOptIns expiry, ConsentProperties properties) {
        super("opt-in-expiry", Duration.ofMinutes(5));
        this.expiry = expiry;
        this.interval = properties.expiryScanInterval();
    }

    @Override
    protected Mono<Void> prepare() {
        return expiry.prepare();
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected Mono<Integer> run() {
        return expiry.expireDue();
    }
}
