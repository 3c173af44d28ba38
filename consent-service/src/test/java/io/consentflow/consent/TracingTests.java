package io.consentflow.consent;

import static io.consentflow.testsupport.CapturedSpans.SPANS;
import static io.consentflow.testsupport.CapturedSpans.assertNoSpanHolds;
import static io.consentflow.testsupport.CapturedSpans.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.OptInRequested;
import io.consentflow.events.SendRequest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.CapturedSpans;
import io.consentflow.testsupport.StaffTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * With tracing switched on (it is off by default) consent-service traces its HTTP requests and its Kafka hops: a
 * record it consumes continues the producer's trace from the {@code traceparent} header, a record it publishes carries
 * one; the events an opt-in queues in the outbox are published in the opt-in request's trace. No span holds a phone
 * number, although the staff path and the record key do. Spans are captured by an exporter
 * of the test instead of OTLP.
 */
@CapturedSpans.On
class TracingTests extends IntegrationTestSupport {

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

    /**
     * The opt-in's confirmation request leaves through the outbox in the request's trace: the outbox span continues
     * a span of the request (under its server span), the send-requests record's producer span is its child, and the record carries that
     * producer span as its {@code traceparent} (the gateway's consumer span continues it, see the gateway's
     * SendRequestTracingTests). The caller's trace id comes in with the request.
     */
    @Test
    void anOptInsConfirmationRequestIsPublishedInTheOptInRequestsTrace() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String number = randomNumber();
        web.post().uri("/api/v1/opt-ins").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", randomAddress())
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .bodyValue(optInBody(number, List.of("offers"))).exchange().expectStatus().isAccepted();

        var confirmation = kafka.awaitRecords(Topics.SEND_REQUESTS.name(), record -> record.value()
                instanceof SendRequest request && number.equals(request.getTo()), 1, WAIT).get(0);
        var traceparent = confirmation.headers().lastHeader("traceparent");
        assertThat(traceparent).as("send-requests record carries the request's trace").isNotNull();
        String[] published = new String(traceparent.value(), StandardCharsets.UTF_8).split("-");
        assertThat(published[1]).isEqualTo(traceId);

        await().atMost(WAIT).until(() -> spanOf(traceId, "outbox send-requests") != null
                && SPANS.stream().anyMatch(span -> span.getSpanId().equals(published[2])));
        SpanData server = SPANS.stream().filter(span -> span.getTraceId().equals(traceId)
                && span.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        SpanData outbox = spanOf(traceId, "outbox send-requests");
        SpanData producer = SPANS.stream().filter(span -> span.getSpanId().equals(published[2])).findFirst()
                .orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        // inside the request: a child of its server span or of a span within it (Spring Security's "secured request")
        assertThat(ancestors(outbox)).contains(server.getSpanId());
        assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(producer.getParentSpanId()).isEqualTo(outbox.getSpanId());
        assertThat(attribute(producer, "messaging.destination.name")).isEqualTo("send-requests");
        assertNoSpanMentions(number);
        assertNoSpanHolds(contactKeys.of(number));
    }

    private static List<String> ancestors(SpanData span) {
        List<String> ancestors = new java.util.ArrayList<>();
        for (String parent = span.getParentSpanId(); parent != null && !ancestors.contains(parent); ) {
            ancestors.add(parent);
            String id = parent;
            parent = SPANS.stream().filter(s -> s.getSpanId().equals(id)).map(SpanData::getParentSpanId).findFirst()
                    .orElse(null);
        }
        return ancestors;
    }

    private static SpanData spanOf(String traceId, String name) {
        return SPANS.stream().filter(span -> span.getTraceId().equals(traceId) && span.getName().equals(name))
                .findFirst().orElse(null);
    }

    private static void assertNoSpanMentions(String number) {
        assertNoSpanHolds(number.substring(1));
    }
}
