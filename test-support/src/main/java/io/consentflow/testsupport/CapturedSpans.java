package io.consentflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Tracing switched on in a service's test context (it is off by default), every span sampled and kept in memory
 * ({@link #SPANS}) by an exporter of the test instead of OTLP. Annotate the test class with {@link On}.
 */
public final class CapturedSpans {

    public static final List<SpanData> SPANS = new CopyOnWriteArrayList<>();

    private CapturedSpans() {
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @TestPropertySource(properties = {"management.tracing.enabled=true", "management.tracing.export.enabled=true",
            "management.tracing.export.otlp.enabled=false", "management.tracing.sampling.probability=1.0",
            "management.opentelemetry.tracing.export.schedule-delay=100ms"})
    @Import(Exporter.class)
    public @interface On {
    }

    @TestConfiguration
    static class Exporter {
        @Bean
        SpanExporter capturingSpanExporter() {
            return new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    SPANS.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
        }
    }

    /** The value of a span's attribute, or null. */
    public static String attribute(SpanData span, String key) {
        return span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(key))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElse(null);
    }

    /** No captured span's name, attributes, events or status holds any of {@code secrets}. */
    public static void assertNoSpanHolds(String... secrets) {
        assertThat(SPANS).isNotEmpty();
        for (SpanData span : SPANS) {
            for (String secret : secrets) {
                assertThat(span.getName()).doesNotContain(secret);
                span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value))
                        .as("%s of span %s", key, span.getName()).doesNotContain(secret));
                span.getEvents().forEach(event -> event.getAttributes().forEach((key, value) ->
                        assertThat(String.valueOf(value)).as("event %s of span %s", key, span.getName())
                                .doesNotContain(secret)));
                assertThat(span.getStatus().getDescription()).doesNotContain(secret);
            }
        }
    }
}
