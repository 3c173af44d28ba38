package io.consentflow.platform.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.util.context.ContextView;

/** {@link TraceParents} with tracing on: reads and continues W3C trace context through Micrometer Observation. */
final class ObservedTraceParents implements TraceParents {

    static final String TRACEPARENT = "traceparent";
    static final String OBSERVATION = "consentflow.outbox.relay";
    static final String DESTINATION = "messaging.destination.name";

    private final ObservationRegistry registry;
    private final Propagator propagator;

    ObservedTraceParents(ObservationRegistry registry, Propagator propagator) {
        this.registry = registry;
        this.propagator = propagator;
    }

    @Override
    public String current(ContextView context) {
        Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (observation == null) {
            observation = registry.getCurrentObservation();
        }
        if (observation == null || observation.isNoop()) {
            return null;
        }
        TracingContext tracing = observation.getContextView().get(TracingContext.class);
        if (tracing == null || tracing.getSpan() == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(4);
        propagator.inject(tracing.getSpan().context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    @Override
    public <T> CompletableFuture<T> publishContinuing(String traceparent, String topic,
            Supplier<CompletableFuture<T>> publish) {
        if (traceparent == null) {
            return publish.get();
        }
        var context = new ReceiverContext<Map<String, String>>(Map::get);
        // only the traceparent: no tracestate or baggage travels with an outbox entry
        context.setCarrier(Map.of(TRACEPARENT, traceparent));
        Observation observation = Observation.createNotStarted(OBSERVATION, () -> context, registry)
                .contextualName("outbox " + topic)
                .lowCardinalityKeyValue(KeyValue.of(DESTINATION, topic))
                .start();
        CompletableFuture<T> sent;
        try (Observation.Scope scope = observation.openScope()) {
            sent = publish.get();
        } catch (RuntimeException e) {
            observation.error(SanitisedError.of(e));
            observation.stop();
            throw e;
        }
        return sent.whenComplete((result, failure) -> {
            if (failure != null) {
                observation.error(SanitisedError.of(failure));
            }
            observation.stop();
        });
    }
}
