package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.app.ApiPublisher;
import io.consentflow.gateway.config.CampaignApiProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;

/**
 * Single REST requests arriving together share one claim insert and one round of publication: each waits up to
 * {@code single-linger} (2 ms) for others, and while {@link #WRITES_IN_FLIGHT} chunks are being written (a claim
 * insert and a broker acknowledgement, a few ms) the requests arriving meanwhile gather into the next chunk, so chunks
 * grow with the load. Each request still gets its own answer: published, a repeat of an earlier requestId (also one
 * posted in the same chunk), or failed. A plain queue and one timer, not Reactor's {@code bufferTimeout}: its fair
 * variant stalled here under 16 concurrent clients (items buffered, no timer armed, no write in flight).
 */
@Component
class SingleRequestBatcher {

    private static final int BATCH = 256;
    private static final int WRITES_IN_FLIGHT = 2;

    private record Pending(ApiPublisher.Submission submission, MonoSink<ApiPublisher.Result> sink) {
    }

    private final ApiPublisher publisher;
    private final Duration linger;
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private boolean flushArmed;
    private int writes;

    SingleRequestBatcher(ApiPublisher publisher, CampaignApiProperties properties) {
        this.publisher = publisher;
        this.linger = properties.singleLinger();
    }

    /**
     * What became of the request; answered on a parallel thread, never on the producer's I/O thread or the Mongo
     * driver's, which complete a whole chunk and must not write its HTTP answers one after another.
     */
    Mono<ApiPublisher.Result> publish(ApiPublisher.Submission submission) {
        return Mono.<ApiPublisher.Result>create(sink -> {
            waiting.add(new Pending(submission, sink));
            armFlush();
        }).publishOn(Schedulers.parallel());
    }

    /** A flush after the linger, unless one is armed already or the writes in flight will arm it when done. */
    private void armFlush() {
        synchronized (lock) {
            if (flushArmed || writes >= WRITES_IN_FLIGHT) {
                return;
            }
            flushArmed = true;
        }
        Schedulers.parallel().schedule(this::flush, linger.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void flush() {
        List<Pending> chunk = new ArrayList<>();
        synchronized (lock) {
            flushArmed = false;
            for (Pending next = waiting.poll(); next != null; next = chunk.size() < BATCH ? waiting.poll() : null) {
                chunk.add(next);
            }
            if (chunk.isEmpty()) {
                return;
            }
            writes++;
        }
        write(chunk).doFinally(signal -> {
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

    private Mono<Void> write(List<Pending> chunk) {
        return Mono.defer(() -> publisher.publish(chunk.stream().map(Pending::submission).toList()))
                .doOnNext(results -> {
                    for (int i = 0; i < results.length; i++) {
                        chunk.get(i).sink().success(results[i]);
                    }
                })
                .onErrorResume(error -> {
                    chunk.forEach(p -> p.sink().error(error));
                    return Mono.empty();
                }).then();
    }
}
