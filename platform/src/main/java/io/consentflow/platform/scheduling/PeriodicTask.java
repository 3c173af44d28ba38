package io.consentflow.platform.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work a service does on its own clock (expiring opt-ins, sweeping rate-limit windows, signing audit checkpoints):
 * explicit and periodic, because MongoDB TTL indexes are not the mechanism (docs/architecture.md#retention) and the
 * wire server has none. One thread per task, so runs of one instance never overlap; started and stopped with the
 * application context; a failed run is logged by kind only (never its message, which may carry data) and retried at
 * the next interval.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);
    /** How long {@link #stop()} waits for a run in progress to end. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Duration fixedInterval;
    private volatile ScheduledExecutorService executor;

    /** A task that says its interval by overriding {@link #interval()}. */
    protected PeriodicTask(String name) {
        this(name, null);
    }

    /** A task that runs at a fixed interval. */
    protected PeriodicTask(String name, Duration interval) {
        this.name = name;
        this.fixedInterval = interval;
    }

    protected Duration interval() {
        if (fixedInterval == null) {
            throw new IllegalStateException(name + " states no interval");
        }
        return fixedInterval;
    }

    protected abstract void runOnce();

    /** Runs once on start, before the first scheduled run. */
    protected void beforeFirstRun() {
    }

    @Override
    public synchronized void start() {
        beforeFirstRun();
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name));
        long interval = Math.max(1, interval().toMillis());
        executor.scheduleWithFixedDelay(this::safeRun, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** An extra run on the task's thread, as soon as it is free; ignored when the task is not running. */
    protected final void runSoon() {
        ScheduledExecutorService current = executor;
        if (current != null && !current.isShutdown()) {
            current.execute(this::safeRun);
        }
    }

    private void safeRun() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("{} failed, retrying at the next interval: {}", name, e.getClass().getSimpleName());
        }
    }

    /**
     * Interrupts a run in progress and waits for it to end (at most {@link #STOP_WAIT}): once stop returns, no run of
     * this task acts any more, as SmartLifecycle asks. Returning at once let a run that had begun before the stop read
     * and publish afterwards (an outbox relay's scan published an outbox a second relay then published too).
     */
    @Override
    public synchronized void stop() {
        ScheduledExecutorService stopping = executor;
        if (stopping != null) {
            executor = null;
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
