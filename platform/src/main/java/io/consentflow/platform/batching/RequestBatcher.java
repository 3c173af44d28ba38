package io.consentflow.platform.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * Concurrent requests share the commands of one batch: a request arriving while fewer than {@code writesInFlight}
 * batches are being written is flushed after {@code linger} (zero: at once, together with whatever arrived meanwhile);
 * the requests arriving while that many are in flight gather into the next batch, so batches grow with the load and an
 * idle service adds no wait. Each request keeps its own answer: the writer answers every {@link Pending#sink()}
 * (success, empty or error); when the writer fails, every request it has not answered gets its error. Answers are delivered on a parallel
 * thread, never on the I/O thread that completed the batch, which must not serialise a whole batch's responses. A plain
 * queue and one timer, not Reactor's {@code bufferTimeout}: its fair variant stalled under 16 concurrent clients
 * (items buffered, no timer armed, no write in flight).
 *
 * @param <T> what a request asks
 * @param <R> what it is answered
 */
public final class RequestBatcher<T, R> {

    /** One request waiting in a batch; {@code sink.contextView()} is the caller's Reactor context. */
    public record Pending<T, R>(T request, MonoSink<R> sink) {
    }

    private final int maxBatch;
    private final int writesInFlight;
    private final long lingerNanos;
    private final Function<List<Pending<T, R>>, Mono<Void>> writer;
    private final Queue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private boolean flushArmed;
    private int writes;

    /**
     * @param writer writes one batch and answers each of its requests; its Mono completes when the batch's shared
     *               commands are done (the next batch may then start)
     */
    public RequestBatcher(int maxBatch, int writesInFlight, Duration linger,
            Function<List<Pending<T, R>>, Mono<Void>> writer) {
        if (maxBatch < 1 || writesInFlight < 1 || linger.isNegative()) {
            throw new IllegalArgumentException("maxBatch and writesInFlight must be positive, linger not negative");
        }
        this.maxBatch = maxBatch;
        this.writesInFlight = writesInFlight;
        this.lingerNanos = linger.toNanos();
        this.writer = writer;
    }

    /** The request's answer, once the batch it joins is written. */
    public Mono<R> submit(T request) {
        return Mono.<R>create(sink -> {
            waiting.add(new Pending<>(request, sink));
            armFlush();
        }).publishOn(Schedulers.parallel());
    }

    /** A flush after the linger, unless one is armed already or the writes in flight will arm it when done. */
    private void armFlush() {
        synchronized (lock) {
            if (flushArmed || writes >= writesInFlight) {
                return;
            }
            flushArmed = true;
        }
        Schedulers.parallel().schedule(this::flush, lingerNanos, TimeUnit.NANOSECONDS);
    }

    private void flush() {
        List<Pending<T, R>> batch = new ArrayList<>();
        synchronized (lock) {
            flushArmed = false;
            for (Pending<T, R> next = waiting.poll(); next != null;
                    next = batch.size() < maxBatch ? waiting.poll() : null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return;
            }
            writes++;
        }
        Mono.defer(() -> writer.apply(batch))
                .onErrorResume(error -> {
                    // a request the writer answered already ignores this second signal
                    batch.forEach(pending -> pending.sink().error(error));
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    synchronized (lock) {
                        writes--;
                    }
                    if (!waiting.isEmpty()) {
                        armFlush();
                    }
                }).subscribe();
        if (!waiting.isEmpty()) {
            armFlush();
        }
    }
}
