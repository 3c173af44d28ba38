package io.consentflow.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * A batch listener's records each get a consumer span, a child of the context its producer wrote, open while the
 * listener processes the batch; a failure marks the failed record and the ones after it, by the error's type only.
 * Real OpenTelemetry SDK and Micrometer bridge, spans kept in memory.
 */
class BatchRecordSpansTest {

    static final String NUMBER = "+4915112345678";
    static final String CONTACT_KEY = "ck-7f3a9c0d1e2b";
    static final String TEXT = "Ja, ich will Angebote";

    final InMemoryTracing tracing = new InMemoryTracing();
    final BatchRecordSpans spans = new BatchRecordSpans(tracing.registry, "send-requests", "messaging-gateway", null);

    @Test
    void eachRecordGetsAConsumerSpanChildOfItsProducersContextAroundTheListener() {
        List<String> parents = List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "00-5c1e2b9a0d8f4e3a9b7c6d5e4f3a2b1c-1a2b3c4d5e6f7a8b-01");
        ConsumerRecords<Object, Object> batch = batch(parents);

        spans.intercept(batch, null);
        assertThat(tracing.spans).as("open while the listener processes the batch").isEmpty();
        spans.success(batch, null);

        assertThat(tracing.spans).hasSize(3);
        for (int i = 0; i < parents.size(); i++) {
            String[] parent = parents.get(i).split("-");
            SpanData span = spanAtOffset(i);
            assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(span.getTraceId()).isEqualTo(parent[1]);
            assertThat(span.getParentSpanId()).isEqualTo(parent[2]);
            assertThat(span.getName()).isEqualTo("send-requests process");
            assertThat(attribute(span, "messaging.source.name")).isEqualTo("send-requests");
            assertThat(attribute(span, "spring.kafka.listener.id")).isEqualTo("send-requests");
            assertThat(span.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        }
        assertNoPersonalData();
    }

    @Test
    void aRecordWithoutTraceContextStartsATraceOfItsOwn() {
        ConsumerRecords<Object, Object> batch = batch(java.util.Arrays.asList(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null));
        spans.intercept(batch, null);
        spans.success(batch, null);

        assertThat(spanAtOffset(1).getParentSpanContext().isValid()).isFalse();
        assertThat(spanAtOffset(1).getTraceId()).isNotEqualTo(spanAtOffset(0).getTraceId());
    }

    /** spring-kafka hands the interceptor the listener's exception wrapped; the record it names is the first failed. */
    @Test
    void aFailedRecordAndTheRedeliveredOnesEndWithTheErrorsTypeNeverItsMessage() {
        ConsumerRecords<Object, Object> batch = batch(List.of(
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "00-5c1e2b9a0d8f4e3a9b7c6d5e4f3a2b1c-1a2b3c4d5e6f7a8b-01"));
        spans.intercept(batch, null);
        var poison = new BatchListenerFailedException("unprocessable record for " + NUMBER,
                new IllegalArgumentException("to: " + NUMBER + " text: " + TEXT), 1);
        spans.failure(batch, new ListenerExecutionFailedException("listener failed", poison), null);

        assertThat(spanAtOffset(0).getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        for (int offset : new int[] {1, 2}) {
            SpanData failed = spanAtOffset(offset);
            assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(failed.getEvents()).anySatisfy(event -> assertThat(event.getAttributes().asMap().values())
                    .map(String::valueOf).anySatisfy(value -> assertThat(value)
                            .contains(IllegalArgumentException.class.getName())));
        }
        assertNoPersonalData();
    }

    @Test
    void aFailureNamingARecordInsteadOfAnIndexFailsFromThatRecord() {
        ConsumerRecords<Object, Object> batch = batch(java.util.Arrays.asList(null, null, null));
        spans.intercept(batch, null);
        ConsumerRecord<Object, Object> third = new ArrayList<>(batch.records(new TopicPartition("send-requests", 0)))
                .get(2);
        spans.failure(batch, new BatchListenerFailedException("poison", third), null);

        assertThat(spanAtOffset(0).getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(spanAtOffset(1).getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(spanAtOffset(2).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    /** Records on send-requests as a campaign system writes them: the number is the key, the value holds text. */
    static ConsumerRecords<Object, Object> batch(List<String> traceparents) {
        List<ConsumerRecord<Object, Object>> records = new ArrayList<>();
        for (int i = 0; i < traceparents.size(); i++) {
            var record = new ConsumerRecord<Object, Object>("send-requests", 0, i, NUMBER,
                    "{\"to\":\"" + NUMBER + "\",\"contactKey\":\"" + CONTACT_KEY + "\",\"text\":\"" + TEXT + "\"}");
            if (traceparents.get(i) != null) {
                record.headers().add("traceparent", traceparents.get(i).getBytes(StandardCharsets.UTF_8));
            }
            records.add(record);
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition("send-requests", 0), records), Map.of());
    }

    private SpanData spanAtOffset(int offset) {
        return tracing.spans.stream().filter(span -> String.valueOf(offset)
                .equals(attribute(span, "messaging.kafka.message.offset"))).findFirst().orElseThrow();
    }

    private void assertNoPersonalData() {
        assertThat(tracing.spans).isNotEmpty().allSatisfy(span -> PersonalDataFreeSpans.assertFree(span,
                NUMBER.substring(1), CONTACT_KEY, TEXT));
    }

    static String attribute(SpanData span, String key) {
        return span.getAttributes().asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(key))
                .map(e -> String.valueOf(e.getValue())).findFirst().orElse(null);
    }
}
