package io.consentflow.consent.config;

import io.consentflow.consent.app.RateLimiter;
import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Deletes finished rate-limit windows periodically (explicit deletes; TTL indexes are not the mechanism here). */
@Component
class RateLimitSweeper extends ReactivePeriodicTask {

    private final RateLimiter limiter;

    RateLimitSweeper(RateLimiter limiter) {
        super("rate-limit-sweep", Duration.ofMinutes(1));
        this.limiter = limiter;
    }

    @Override
    protected Duration interval() {
        return limiter.sweepInterval().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : limiter.sweepInterval();
    }

    @Override
    protected Mono<Long> run() {
        return limiter.sweep();
    }
}
