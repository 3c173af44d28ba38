package io.consentflow.platform.observability;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * One consumer span per record of a batch listener, a child of the {@code traceparent} its producer wrote, around the
 * listener's processing of the batch: the suite's batch listeners handle a poll as one unit (one claim, one insert),
 * so a record's processing is the batch's. The spans are spring-kafka's record listener observations (same name,
 * topic, partition, offset, group; never key or value). spring-kafka's own {@code recordObservationsInBatch} is not
 * used: its spans end before the listener runs and never see its outcome.
 *
 * <p>When the listener throws {@link BatchListenerFailedException} for record {@code i}, the records before it end
 * as handled, record {@code i} and the ones after it (redelivered) end with the error; any other exception fails
 * them all. A span names the error's type, never its message ({@link SanitisedError}).
 */
final class BatchRecordSpans implements BatchInterceptor<Object, Object> {

    private final ObservationRegistry registry;
    private final String listenerId;
    private final String groupId;
    private final KafkaListenerObservationConvention convention;
    /** the spans of the batch this consumer thread is processing (containers with concurrency share an interceptor) */
    private final ThreadLocal<List<Observation>> open = new ThreadLocal<>();

    BatchRecordSpans(ObservationRegistry registry, String listenerId, String groupId,
            KafkaListenerObservationConvention convention) {
        this.registry = registry;
        this.listenerId = listenerId;
        this.groupId = groupId;
        this.convention = convention;
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
            Consumer<Object, Object> consumer) {
        endAll(null, 0); // a batch that ended with an Error never reached success or failure
        List<Observation> spans = new ArrayList<>(records.count());
        for (ConsumerRecord<Object, Object> record : records) {
            spans.add(KafkaListenerObservation.LISTENER_OBSERVATION.observation(convention,
                    KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                    () -> new KafkaRecordReceiverContext(record, listenerId, null, groupId, () -> null), registry)
                    .start());
        }
        open.set(spans);
        return records;
    }

    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        endAll(null, Integer.MAX_VALUE);
    }

    @Override
    public void failure(ConsumerRecords<Object, Object> records, Exception exception,
            Consumer<Object, Object> consumer) {
        endAll(exception, failedIndex(exception, records));
    }

    /** Ends the open spans: those before {@code firstFailed} as handled, the others with {@code failure}. */
    private void endAll(Exception failure, int firstFailed) {
        List<Observation> spans = open.get();
        if (spans == null) {
            return;
        }
        open.remove();
        for (int i = 0; i < spans.size(); i++) {
            Observation span = spans.get(i);
            if (failure != null && i >= firstFailed) {
                span.error(SanitisedError.of(failure));
            }
            span.stop();
        }
    }

    /** The index of the record the listener failed on; 0 (all failed) when it did not name one. */
    private static int failedIndex(Exception exception, ConsumerRecords<Object, Object> records) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof BatchListenerFailedException failed) {
                return failed.getRecord() == null ? Math.max(0, failed.getIndex()) : indexOf(failed.getRecord(), records);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return 0;
    }

    private static int indexOf(ConsumerRecord<?, ?> failed, ConsumerRecords<Object, Object> records) {
        int i = 0;
        for (ConsumerRecord<Object, Object> record : records) {
            if (record.topic().equals(failed.topic()) && record.partition() == failed.partition()
                    && record.offset() == failed.offset()) {
                return i;
            }
            i++;
        }
        return 0;
    }
}
