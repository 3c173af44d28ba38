package io.consentflow.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Tracing is off unless switched on: then nothing is read, stored or started for the outbox or batch listeners. */
class TracingSwitchTest {

    final InMemoryTracing tracing = new InMemoryTracing();
    final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TracingConfiguration.class, UntracedConfiguration.class))
            .withBean(ObservationRegistry.class, () -> tracing.registry)
            .withBean(Propagator.class, () -> tracing.propagator);

    @Test
    void offByDefault() {
        contexts.run(context -> {
            assertThat(context.getBean(TraceParents.class)).isSameAs(TraceParents.UNTRACED);
            assertThat(context).doesNotHaveBean(BatchListenerTracing.class);
            assertThat(context.getBean(Tracer.class)).as("no spans behind the observations").isSameAs(Tracer.NOOP);
            assertThat(context.getBean(Propagator.class)).as("none from the incoming headers either")
                    .isSameAs(Propagator.NOOP);
        });
    }

    @Test
    void onWhenManagementTracingIsEnabled() {
        contexts.withPropertyValues("management.tracing.enabled=true").run(context -> {
            assertThat(context.getBean(TraceParents.class)).isInstanceOf(ObservedTraceParents.class);
            assertThat(context).hasSingleBean(BatchListenerTracing.class);
            assertThat(context).doesNotHaveBean(Tracer.class); // Spring Boot's tracer, not the no-op one
            assertThat(context.getBean(Propagator.class)).isSameAs(tracing.propagator);
        });
    }
}
