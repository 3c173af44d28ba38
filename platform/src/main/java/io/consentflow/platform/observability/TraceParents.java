package io.consentflow.platform.observability;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.util.context.ContextView;

/**
 * W3C trace context across a hop no instrumentation sees: a change that queues an event in a database (an outbox)
 * and the relay that publishes it later, on another thread. The change keeps the {@code traceparent} of its request
 * with the entry; the relay publishes inside a span that continues it, so the request, the publication and every
 * consumer are one trace. A {@code traceparent} holds ids and a sampling flag only, never personal data.
 *
 * <p>{@link #UNTRACED} when tracing is off: nothing is looked up, stored or started.
 */
public interface TraceParents {

    /**
     * The {@code traceparent} of the observation in {@code context} (a WebFlux request puts its own there), else of
     * the thread's (a Kafka listener's); null when there is none or tracing is off.
     */
    String current(ContextView context);

    /**
     * Runs {@code publish} inside a consumer span {@code outbox <topic>} that continues {@code traceparent}, ended
     * when the returned future completes; without a {@code traceparent} (an entry queued untraced) it just runs it.
     */
    <T> CompletableFuture<T> publishContinuing(String traceparent, String topic,
            Supplier<CompletableFuture<T>> publish);

    TraceParents UNTRACED = new TraceParents() {
        @Override
        public String current(ContextView context) {
            return null;
        }

        @Override
        public <T> CompletableFuture<T> publishContinuing(String traceparent, String topic,
                Supplier<CompletableFuture<T>> publish) {
            return publish.get();
        }
    };
}
