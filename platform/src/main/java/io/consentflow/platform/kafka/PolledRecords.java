package io.consentflow.platform.kafka;

import io.consentflow.schemas.kafka.PoisonRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * A batch listener's unwrapping, written once for every service: a poll's records as the app's events, up to the first record that can never be handled (undecodable, no value, or
 * unmappable). The listener applies the events before it, then {@link #throwIfPoisoned()}: the error handler commits
 * those, sends the poison record to {@code <topic>-dlt} with its error headers and redelivers the ones after it.
 */
public final class PolledRecords<E> {

    private static final LogAccessor LOG = new LogAccessor(PolledRecords.class);

    private final List<E> events;
    private final int poisonIndex;
    private final RuntimeException poison;

    private PolledRecords(List<E> events, int poisonIndex, RuntimeException poison) {
        this.events = events;
        this.poisonIndex = poisonIndex;
        this.poison = poison;
    }

    /** Maps each record's value; {@code mapper} returns null for an event type the app does not act on. */
    public static <E> PolledRecords<E> of(List<ConsumerRecord<String, SpecificRecord>> records,
            Function<SpecificRecord, E> mapper) {
        List<E> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                E event = mapper.apply(valueOf(records.get(i)));
                if (event != null) {
                    events.add(event);
                }
            } catch (RuntimeException unusable) {
                return new PolledRecords<>(events, i, unusable);
            }
        }
        return new PolledRecords<>(events, -1, null);
    }

    public List<E> events() {
        return events;
    }

    /** Ends the batch at the poison record, once the events before it were applied. */
    public void throwIfPoisoned() {
        if (poison != null) {
            // decoded but impossible to map (a bug or a broken producer): retrying cannot help
            boolean unreadable = poison instanceof PoisonRecordException || poison instanceof DeserializationException;
            RuntimeException cause = unreadable ? poison
                    : new PoisonRecordException("event could not be mapped: " + poison.getClass().getSimpleName());
            throw new BatchListenerFailedException("unprocessable record", cause, poisonIndex);
        }
    }

    /** The decoded value; a record that did not decode, or has none, can never be handled. */
    private static SpecificRecord valueOf(ConsumerRecord<String, SpecificRecord> record) {
        DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (undecodable != null) {
            throw undecodable;
        }
        return Optional.ofNullable(record.value())
                .orElseThrow(() -> new PoisonRecordException("record without a value"));
    }
}
