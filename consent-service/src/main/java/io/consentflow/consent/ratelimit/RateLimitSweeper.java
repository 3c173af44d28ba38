package io.consentflow.consent.ratelimit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Deletes finished rate-limit windows periodically (explicit deletes; TTL indexes are not the mechanism here). */
@Component
class RateLimitSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RateLimitSweeper.class);

    private final RateLimiter limiter;
    private volatile ScheduledExecutorService executor;

    RateLimitSweeper(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "rate-limit-sweep"));
        long interval = Math.max(1000, limiter.sweepInterval().toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                limiter.sweep().block();
            } catch (RuntimeException e) {
                log.warn("rate-limit sweep failed: {}", e.getClass().getSimpleName());
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
