package io.consentflow.consent.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work the service does on its own clock (expiring opt-ins, sweeping rate-limit windows): explicit and periodic,
 * because MongoDB TTL indexes are not the mechanism (DESIGN.md §4) and the wire server has none. One thread per
 * task, started and stopped with the application context; a failed run is logged by kind only and retried at the
 * next interval.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private volatile ScheduledExecutorService executor;

    protected PeriodicTask(String name) {
        this.name = name;
    }

    protected abstract Duration interval();

    protected abstract void runOnce();

    /** Runs once on start, before the first scheduled run. */
    protected void beforeFirstRun() {
    }

    @Override
    public synchronized void start() {
        beforeFirstRun();
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name));
        long interval = Math.max(1, interval().toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", name, e.getClass().getSimpleName());
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
