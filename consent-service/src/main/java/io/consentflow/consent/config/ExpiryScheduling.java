package io.consentflow.consent.config;

import io.consentflow.consent.app.ExpirePendingOptIns;
import io.consentflow.platform.scheduling.PeriodicTask;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Runs {@link ExpirePendingOptIns} every {@code expiry-scan-interval}, after creating the subject indexes. */
@Component
class ExpiryScheduling extends PeriodicTask {

    private final ExpirePendingOptIns expiry;
    private final Duration interval;

    ExpiryScheduling(ExpirePendingOptIns expiry, ConsentProperties properties) {
        super("opt-in-expiry");
        this.expiry = expiry;
        this.interval = properties.expiryScanInterval();
    }

    @Override
    protected void beforeFirstRun() {
        expiry.prepare().block();
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected void runOnce() {
        expiry.expireDue().block();
    }
}
