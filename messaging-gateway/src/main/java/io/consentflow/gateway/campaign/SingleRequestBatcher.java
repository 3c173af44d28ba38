package io.consentflow.gateway.campaign;

import jakarta.annotation.PreDestroy;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Single REST requests arriving together share one claim insert and one round of publication: each waits up to
 * {@code single-linger} (2 ms) for others, as the send path batches its call records ({@code CallDecisions}), so a
 * request costs a short wait instead of a database round trip and a broker acknowledgement of its own. Each still
 * gets its own answer: published, a repeat of an earlier requestId (also one posted in the same chunk), or failed.
 */
@Component
class SingleRequestBatcher {

    private static final int BATCH = 256;
    /**
     * Few writes at a time: while they are in flight (a claim insert and a broker acknowledgement, a few ms) the
     * requests arriving meanwhile gather into the next chunk, so chunks grow with the load instead of the linger.
     */
    private static final int WRITES_IN_FLIGHT = 2;

    private record Pending(ApiPublisher.Submission submission, MonoSink<ApiPublisher.Result> sink) {
    }

    private final ApiPublisher publisher;
    private final Sinks.Many<Pending> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final Disposable subscription;

    SingleRequestBatcher(ApiPublisher publisher, CampaignApiProperties properties) {
        this.publisher = publisher;
        // fair back-pressure: a chunk is cut only when a write may start, never dropped with an overflow error
        this.subscription = queue.asFlux().bufferTimeout(BATCH, properties.singleLinger(), true)
                .flatMap(this::write, WRITES_IN_FLIGHT).subscribe();
    }

    /**
     * What became of the request; answered on a parallel thread, never on the producer's I/O thread or the Mongo
     * driver's, which complete a whole chunk and must not write its HTTP answers one after another.
     */
    Mono<ApiPublisher.Result> publish(ApiPublisher.Submission submission) {
        return Mono.<ApiPublisher.Result>create(sink -> {
            synchronized (queue) {
                queue.emitNext(new Pending(submission, sink), Sinks.EmitFailureHandler.FAIL_FAST);
            }
        }).publishOn(Schedulers.parallel());
    }

    private Mono<Void> write(List<Pending> chunk) {
        return publisher.publish(chunk.stream().map(Pending::submission).toList())
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

    @PreDestroy
    void stop() {
        subscription.dispose();
    }
}
