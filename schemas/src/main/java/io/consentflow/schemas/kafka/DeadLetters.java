package io.consentflow.schemas.kafka;

import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.EventDecodingException;
import io.consentflow.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The suite's default for records a listener cannot handle: a few retries with back-off for transient failures,
 * then the record goes to {@code <topic>-dlt}, same partition, original bytes and key, with spring-kafka's
 * {@code kafka_dlt-exception-*} headers saying why. Poison records (undecodable, invalid) skip the retries. A record
 * that failed because MongoDB or the broker is unavailable ({@link InfrastructureFaults}) is never dead-lettered: the
 * recoverer refuses it, so the records are sought back and retried with the same back-off for as long as the fault
 * lasts (the consumer pauses between attempts and stays in its group).
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DefaultErrorHandler errorHandler(Map<String, Object> producerConfig) {
        return errorHandler(template(producerConfig), defaultBackOff());
    }

    public static DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> deadLetterTemplate, BackOff backOff) {
        var deadLetters = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, exception) -> new TopicPartition(record.topic() + Topics.DLT_SUFFIX, record.partition()));
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            if (InfrastructureFaults.isInfrastructure(exception)) {
                throw new InfrastructureUnavailable(exception);
            }
            deadLetters.accept(record, exception);
        };
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(EventDecodingException.class, IllegalArgumentException.class,
                PoisonRecordException.class);
        return handler;
    }

    /** A template that writes both raw bytes (records that never decoded) and events (records a listener refused). */
    public static KafkaTemplate<Object, Object> template(Map<String, Object> producerConfig) {
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(SpecificRecord.class, new AvroEventSerializer());
        Map<String, Object> config = new java.util.HashMap<>(producerConfig);
        config.remove("key.serializer");
        config.remove("value.serializer");
        config.remove("transactional.id");
        @SuppressWarnings({"rawtypes", "unchecked"})
        var factory = new DefaultKafkaProducerFactory<Object, Object>(config,
                (Serializer) new DelegatingByTypeSerializer(Map.of(byte[].class, new ByteArraySerializer(),
                        String.class, new StringSerializer())),
                (Serializer) new DelegatingByTypeSerializer(byType, true));
        return new KafkaTemplate<>(factory);
    }

    /** Thrown by the recoverer instead of dead-lettering: the records are sought back and retried. */
    public static final class InfrastructureUnavailable extends RuntimeException {
        InfrastructureUnavailable(Throwable cause) {
            super("database or broker unavailable: " + cause.getClass().getSimpleName() + "; retrying, not"
                    + " dead-lettering", cause);
        }
    }

    public static BackOff defaultBackOff() {
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxElapsedTime(5_000);
        return backOff;
    }
}
