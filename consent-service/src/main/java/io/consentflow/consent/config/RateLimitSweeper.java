package io.consentflow.consent.config;

import io.consentflow.consent.app.RateLimiter;
import io.consentflow.platform.scheduling.PeriodicTask;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Deletes finished rate-limit windows periodically (explicit deletes; TTL indexes are not the mechanism here). */
@Component
class RateLimitSweeper extends PeriodicTask {

    private final RateLimiter limiter;

    RateLimitSweeper(RateLimiter limiter) {
        super("rate-limit-sweep");
        this.limiter = limiter;
    }

    @Override
    protected Duration interval() {
        return limiter.sweepInterval().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : limiter.sweepInterval();
    }

    @Override
    protected void runOnce() {
        limiter.sweep().block();
    }
}
