package io.consentflow.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.OptInRequested;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.StaffTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * With tracing switched on (it is off by default) consent-service traces its HTTP requests and its Kafka hops: a
 * record it consumes continues the producer's trace from the {@code traceparent} header, a record it publishes carries
 * one. No span holds a phone number, although the staff path and the record key do. Spans are captured by an exporter
 * of the test instead of OTLP.
 */
@TestPropertySource(properties = {"management.tracing.enabled=true", "management.tracing.export.enabled=true",
        "management.tracing.export.otlp.enabled=false", "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.schedule-delay=100ms"})
@Import(TracingTests.Capture.class)
class TracingTests extends IntegrationTestSupport {

    static final List<SpanData> SPANS = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Capture {
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

    @Test
    void aStaffRequestIsTracedUnderItsRouteTemplateNeverItsNumber() {
        String number = randomNumber();
        web.get().uri("/api/v1/subjects/{e164}/consent", number).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange();

        await().atMost(WAIT).until(() -> SPANS.stream().anyMatch(span ->
                "/api/v1/subjects/{e164}/consent".equals(attribute(span, "http.url"))));
        assertNoSpanMentions(number);
    }

    /** The Art. 15 export calls the peers inside the staff request's trace; their URLs hold the subjectId. */
    @Test
    void callsToThePeersJoinTheRequestsTraceWithoutTheirUrls() {
        String number = randomNumber();
        requestOptIn(number, List.of("offers"));
        String subjectId = subjects.byContactKey(contactKeys.of(number)).block().subject().subjectId();
        web.get().uri("/api/v1/subjects/{e164}/export", number).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange().expectStatus().isOk();

        await().atMost(WAIT).until(() -> SPANS.stream().anyMatch(span ->
                "/api/v1/subjects/{e164}/export".equals(attribute(span, "http.url"))));
        SpanData export = SPANS.stream().filter(span ->
                "/api/v1/subjects/{e164}/export".equals(attribute(span, "http.url"))).findFirst().orElseThrow();
        await().atMost(WAIT).until(() -> SPANS.stream().filter(span -> span.getKind() == SpanKind.CLIENT
                && span.getTraceId().equals(export.getTraceId())).count() >= 3);
        SPANS.stream().filter(span -> span.getKind() == SpanKind.CLIENT).forEach(span ->
                assertThat(attribute(span, "http.url")).as("client span %s", span.getName())
                        .isEqualTo(PeerStubs.get().baseUrl()));
        assertNoSpanMentions(number);
        for (SpanData span : SPANS) {
            span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value))
                    .as("%s of span %s", key, span.getName()).doesNotContain(subjectId));
        }
    }

    @Test
    void aConsumedRecordContinuesTheProducersTraceAndAPublishedOneCarriesItsOwn() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String number = randomNumber();
        kafka.publish(Topics.WHATSAPP_INBOUND.name(), contactKeys.of(number), inbound(number, "STOP", null),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        await().atMost(WAIT).until(() -> SPANS.stream().anyMatch(span -> span.getTraceId().equals(traceId)
                && "whatsapp-inbound".equals(attribute(span, "messaging.source.name"))));

        String optingIn = randomNumber();
        postOptIn(optInBody(optingIn, List.of("offers")), randomAddress()).expectStatus().isAccepted();
        String subjectId = subjects.byContactKey(contactKeys.of(optingIn)).block().subject().subjectId();
        var published = kafka.awaitRecords(Topics.CONSENT_EVENTS.name(), record -> subjectId.equals(record.key())
                && record.value() instanceof OptInRequested, 1, WAIT).get(0);
        var traceparent = published.headers().lastHeader("traceparent");
        assertThat(traceparent).as("consent-events record carries its trace").isNotNull();
        String publishedTrace = new String(traceparent.value(), StandardCharsets.UTF_8).split("-")[1];
        await().atMost(WAIT).until(() -> SPANS.stream().anyMatch(span -> span.getTraceId().equals(publishedTrace)
                && "consent-events".equals(attribute(span, "messaging.destination.name"))));
        assertNoSpanMentions(number);
        assertNoSpanMentions(optingIn);
    }

    private static void assertNoSpanMentions(String number) {
        String digits = number.substring(1);
        assertThat(SPANS).isNotEmpty();
        for (SpanData span : SPANS) {
            assertThat(span.getName()).doesNotContain(digits);
            span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value))
                    .as("%s of span %s", key, span.getName()).doesNotContain(digits));
            span.getEvents().forEach(event -> event.getAttributes().forEach((key, value) ->
                    assertThat(String.valueOf(value)).as("event %s", key).doesNotContain(digits)));
        }
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(key))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElse(null);
    }
}
