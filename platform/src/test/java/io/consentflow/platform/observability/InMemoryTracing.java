package io.consentflow.platform.observability;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The wiring Spring Boot builds when tracing is on (OpenTelemetry SDK, Micrometer's bridge, W3C propagation, the
 * tracing observation handlers), with a span processor that keeps the ended spans in memory instead of exporting them.
 */
final class InMemoryTracing {

    final List<SpanData> spans = new CopyOnWriteArrayList<>();
    final ObservationRegistry registry = ObservationRegistry.create();
    final OtelPropagator propagator;

    InMemoryTracing(Sampler sampler, boolean keepSpans) {
        SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(sampler)
                .addSpanProcessor(new Keep(spans, keepSpans)).build();
        var otel = provider.get("consentflow-test");
        var tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });
        propagator = new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
        registry.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
    }

    InMemoryTracing() {
        this(Sampler.alwaysOn(), true);
    }

    /** Converts every ended span as an exporter would receive it; keeps it, or drops it (for the benchmark). */
    private record Keep(List<SpanData> spans, boolean keep) implements SpanProcessor {
        @Override
        public void onStart(Context parent, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            SpanData ended = span.toSpanData();
            if (keep) {
                spans.add(ended);
            }
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
