package io.consentflow.gateway;

import static io.consentflow.testsupport.CapturedSpans.SPANS;
import static io.consentflow.testsupport.CapturedSpans.assertNoSpanHolds;
import static io.consentflow.testsupport.CapturedSpans.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.ReplyButton;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.CapturedSpans;
import io.consentflow.testsupport.KafkaTestClient;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The send-requests batch listener continues each request's trace: every record of a batch gets a consumer span whose
 * parent is the producer span its {@code traceparent} names (for consent-service's confirmation requests, the outbox
 * publication inside the opt-in request's trace, see consent-service's TracingTests). No span holds the number, the
 * contactKey or the text of a request.
 */
@GatewayTest
@CapturedSpans.On
class SendRequestTracingTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CONSENT_TEXT = "Ich willige ein, dass Musterladen mir Angebote per WhatsApp sendet.";

    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Test
    void everyRequestOfABatchGetsAConsumerSpanChildOfItsProducersSpan() {
        List<String> numbers = new ArrayList<>();
        List<String[]> producers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String number = Fixtures.randomNumber();
            String[] producer = {randomHex(16), randomHex(8)};
            numbers.add(number);
            producers.add(producer);
            kafka.publish(Topics.SEND_REQUESTS.name(), number, confirmation(number),
                    Map.of("traceparent", "00-" + producer[0] + "-" + producer[1] + "-01"));
        }

        await().atMost(WAIT).until(() -> producers.stream().allMatch(p -> consumerSpan(p[0]) != null));
        for (String[] producer : producers) {
            SpanData span = consumerSpan(producer[0]);
            assertThat(span.getParentSpanId()).isEqualTo(producer[1]);
            assertThat(span.getName()).isEqualTo("send-requests process");
            assertThat(attribute(span, "spring.kafka.listener.id")).isEqualTo("send-requests");
        }
        for (String number : numbers) {
            assertNoSpanHolds(Fixtures.digits(number), Fixtures.KEYS.of(number), CONSENT_TEXT);
        }
    }

    private static SpanData consumerSpan(String traceId) {
        return SPANS.stream().filter(span -> span.getTraceId().equals(traceId) && span.getKind() == SpanKind.CONSUMER
                && "send-requests".equals(attribute(span, "messaging.source.name"))).findFirst().orElse(null);
    }

    /** The confirmation consent-service sends for an opt-in started in the chat: consent text and button. */
    private static SendRequest confirmation(String number) {
        String eventId = UUID.randomUUID().toString();
        return Fixtures.signedByConsentService(SendRequest.newBuilder().setEventId(eventId)
                .setOccurredAt(Instant.now()).setProducer("consent-service").setRequestId("consent-" + eventId)
                .setTo(number).setCategory(MessageCategory.SERVICE).setPurpose(null).setTemplate(null)
                .setText(CONSENT_TEXT).setButtons(List.of(new ReplyButton("confirm:" + randomHex(8), "Ja, bestätigen")))
                .setCampaignId(null).setSubjectId(UUID.randomUUID().toString())
                .setNotAfter(Instant.now().plus(Duration.ofHours(1))).build());
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
