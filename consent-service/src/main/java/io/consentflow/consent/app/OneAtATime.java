package io.consentflow.consent.app;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/**
 * Runs reactive work one piece at a time, in the order it is asked for, without blocking a thread while it waits. A
 * piece that has not finished within {@code longest} fails with a timeout, so one lost reply cannot hold the rest.
 */
final class OneAtATime {

    private final Duration longest;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    OneAtATime(Duration longest) {
        this.longest = longest;
    }

    /** {@code work}, subscribed once every piece asked for before it has finished. */
    <T> Mono<T> run(Mono<T> work) {
        return Mono.create(sink -> {
            waiting.add(() -> work.timeout(longest).doFinally(signal -> {
                running.set(false);
                next();
            }).subscribe(sink::success, sink::error, sink::success));
            next();
        });
    }

    private void next() {
        while (!waiting.isEmpty() && running.compareAndSet(false, true)) {
            Runnable first = waiting.poll();
            if (first != null) {
                first.run();
                return;
            }
            running.set(false);
        }
    }
}
