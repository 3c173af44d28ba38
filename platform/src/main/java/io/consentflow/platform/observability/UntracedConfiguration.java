package io.consentflow.platform.observability;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Tracing off (the default): {@link TraceParents#UNTRACED}, which looks nothing up and starts nothing. */
@AutoConfiguration(after = TracingConfiguration.class, beforeName =
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration")
public class UntracedConfiguration {

    /**
     * Spring Boot builds its OpenTelemetry tracer whatever {@code management.tracing.enabled} says (its export switch
     * only stops the export), so with tracing off every HTTP request still started a span, a tenth of them recorded,
     * that nothing read. Off means off: the observations get the no-op tracer; their metrics stay.
     */
    @Bean
    @Primary
    @ConditionalOnBooleanProperty(name = "management.tracing.enabled", havingValue = false, matchIfMissing = true)
    public Tracer untracedTracer() {
        return Tracer.NOOP;
    }

    /**
     * The server observations' receiver handler builds its span from the propagator, not the tracer: with Spring
     * Boot's OpenTelemetry propagator every request still extracted its headers and started (and ended) a span
     * behind {@link Tracer#NOOP}, a twentieth of the web threads' samples per opt-in. Off means off here too.
     */
    @Bean
    @Primary
    @ConditionalOnBooleanProperty(name = "management.tracing.enabled", havingValue = false, matchIfMissing = true)
    public Propagator untracedPropagator() {
        return Propagator.NOOP;
    }

    @Bean
    @ConditionalOnMissingBean
    public TraceParents untracedTraceParents() {
        return TraceParents.UNTRACED;
    }
}
