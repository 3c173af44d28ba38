package io.consentflow.platform.scheduling;

import java.time.Duration;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Reactive work that must finish before a service consumes or schedules anything (indexes, a scan of what is
 * stored): started in an early lifecycle phase, before the Kafka listener containers and every {@link PeriodicTask},
 * and blocked on here with a timeout - so stores and use cases never block at start (rule 6 of
 * docs/architecture.md#layout-inside-a-service). A failure or timeout fails the start of the application.
 */
public abstract class StartupTask implements SmartLifecycle {

    /** Before the listener containers (Integer.MAX_VALUE - 100) and periodic tasks (Integer.MAX_VALUE). */
    public static final int PHASE = 0;

    private final String name;
    private final Duration timeout;
    private volatile boolean running;

    protected StartupTask(String name, Duration timeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The work; the application starts consuming only after it completed. */
    protected abstract Mono<?> prepare();

    @Override
    public void start() {
        try {
            prepare().block(timeout);
        } catch (RuntimeException e) {
            throw new IllegalStateException(name + " failed at start: " + e.getClass().getSimpleName(), e);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
