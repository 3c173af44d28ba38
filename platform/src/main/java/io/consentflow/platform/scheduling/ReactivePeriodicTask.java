package io.consentflow.platform.scheduling;

import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * A {@link PeriodicTask} whose work is reactive: {@link #run()} returns a {@link Mono} and this class blocks on it, with
 * the task's timeout, on the task's own thread - the one place scheduled work blocks (rule 6 of
 * docs/architecture.md#layout-inside-a-service), so a task in {@code app} or {@code config} never calls
 * {@code block()} itself. A run that exceeds the timeout is cancelled and counts as failed (logged by kind, retried at
 * the next interval).
 */
public abstract class ReactivePeriodicTask extends PeriodicTask {

    private final Duration timeout;

    /** A task that says its interval by overriding {@link #interval()}. */
    protected ReactivePeriodicTask(String name, Duration timeout) {
        super(name);
        this.timeout = positive(timeout);
    }

    /** A task that runs at a fixed interval; each run may take up to {@code timeout}. */
    protected ReactivePeriodicTask(String name, Duration interval, Duration timeout) {
        super(name, interval);
        this.timeout = positive(timeout);
    }

    /** One run's work. */
    protected abstract Mono<?> run();

    /** Work done once on start, before the first run (blocked on with the same timeout); none by default. */
    protected Mono<?> prepare() {
        return Mono.empty();
    }

    @Override
    protected final void runOnce() {
        run().block(timeout);
    }

    @Override
    protected final void beforeFirstRun() {
        prepare().block(timeout);
    }

    private static Duration positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a periodic task's timeout must be positive");
        }
        return timeout;
    }
}
