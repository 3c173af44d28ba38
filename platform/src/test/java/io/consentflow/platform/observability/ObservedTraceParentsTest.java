package io.consentflow.platform.observability;

import static io.consentflow.platform.observability.BatchRecordSpansTest.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.SenderContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reactor.util.context.Context;

/**
 * The outbox's trace context: the change reads its request's {@code traceparent} (from the Reactor context, or the
 * listener's thread), the relay publishes later inside a span that continues it, so the producer span of the
 * publication belongs to the request's trace.
 */
class ObservedTraceParentsTest {

    static final String REQUEST = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    final InMemoryTracing tracing = new InMemoryTracing();
    final TraceParents traces = new ObservedTraceParents(tracing.registry, tracing.propagator);

    @Test
    void theCurrentTraceparentIsTheRequestsFromTheReactorContextElseTheThreads() {
        Observation request = Observation.start("http.server.requests", tracing.registry);
        String fromContext = traces.current(Context.of(ObservationThreadLocalAccessor.KEY, request));
        String fromThread;
        try (Observation.Scope scope = request.openScope()) {
            fromThread = traces.current(Context.empty());
        }
        request.stop();

        SpanData span = tracing.spans.get(0);
        assertThat(fromContext).isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01")
                .isEqualTo(fromThread);
        assertThat(traces.current(Context.empty())).as("no observation anywhere").isNull();
    }

    @Test
    void theRelayPublishesAsAChildOfTheStoredContextAndEndsWhenThePublicationIsAcknowledged() {
        CompletableFuture<String> acknowledged = new CompletableFuture<>();
        CompletableFuture<String> publication = traces.publishContinuing(REQUEST, "send-requests", () -> {
            // what KafkaTemplate does with observation on: a producer observation under the current one
            var record = new SenderContext<Map<String, String>>((carrier, key, value) -> carrier.put(key, value));
            record.setCarrier(new HashMap<>());
            Observation producer = Observation.start("spring.kafka.template", () -> record, tracing.registry);
            producer.stop();
            return acknowledged;
        });
        assertThat(tracing.spans).as("only the producer span has ended").hasSize(1);
        acknowledged.complete("ack");

        assertThat(publication).isCompletedWithValue("ack");
        SpanData outbox = tracing.spans.stream().filter(s -> s.getName().equals("outbox send-requests")).findFirst()
                .orElseThrow();
        SpanData producer = tracing.spans.stream().filter(s -> s.getKind() == SpanKind.PRODUCER).findFirst()
                .orElseThrow();
        assertThat(outbox.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(outbox.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(outbox.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(attribute(outbox, "messaging.destination.name")).isEqualTo("send-requests");
        assertThat(producer.getTraceId()).isEqualTo(outbox.getTraceId());
        assertThat(producer.getParentSpanId()).isEqualTo(outbox.getSpanId());
    }

    @Test
    void aFailedPublicationEndsTheSpanWithTheErrorsTypeOnly() {
        String number = "4915112345678";
        CompletableFuture<Object> failed = CompletableFuture.failedFuture(
                new IllegalStateException("broker refused the record of +" + number));
        CompletableFuture<Object> publication = traces.publishContinuing(REQUEST, "send-requests", () -> failed);

        assertThat(publication).isCompletedExceptionally();
        SpanData outbox = tracing.spans.get(0);
        assertThat(outbox.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        PersonalDataFreeSpans.assertFree(outbox, number);
    }

    @Test
    void anEntryQueuedUntracedIsPublishedWithoutASpanOfItsOwn() {
        Map<String, String> ran = new HashMap<>();
        traces.publishContinuing(null, "consent-events", () -> {
            ran.put("published", "yes");
            return CompletableFuture.completedFuture(null);
        });
        assertThat(ran).containsKey("published");
        assertThat(tracing.spans).isEmpty();
    }

    @Test
    void untracedLooksNothingUp() {
        Observation request = Observation.start("http.server.requests", tracing.registry);
        assertThat(TraceParents.UNTRACED.current(Context.of(ObservationThreadLocalAccessor.KEY, request))).isNull();
        assertThat(TraceParents.UNTRACED.publishContinuing(REQUEST, "send-requests",
                () -> CompletableFuture.completedFuture("ack"))).isCompletedWithValue("ack");
        request.stop();
        assertThat(tracing.spans).hasSize(1);
    }
}
