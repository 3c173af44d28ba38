package io.consentflow.localinfra.send;

import io.consentflow.events.SendRequest;
import io.consentflow.schemas.Topics;
import io.consentflow.schemas.kafka.KafkaClientDefaults;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Writes one SendRequest to {@code send-requests} with the suite's producer settings and Avro serializer. */
final class RequestPublisher {

    /** A person waits at the terminal: fail within seconds when the broker or the topic is missing. */
    private static final int MAX_BLOCK_MS = 10_000;
    private static final int REQUEST_TIMEOUT_MS = 10_000;
    private static final int DELIVERY_TIMEOUT_MS = 15_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private RequestPublisher() {
    }

    /** Where the record landed. */
    record Published(String topic, int partition, long offset) {
    }

    /** A publish that did not reach the broker; the message is one line. */
    static final class Failed extends Exception {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Sends and waits for the broker's acknowledgement (acks=all, idempotent, as every ConsentFlow producer). */
    static Published publish(String bootstrapServers, SendRequest request) throws Failed {
        String topic = Topics.SEND_REQUESTS.name();
        KafkaProducer<String, SpecificRecord> producer;
        try {
            producer = new KafkaProducer<>(config(bootstrapServers));
        } catch (RuntimeException e) {
            throw failed(bootstrapServers, topic, e.getCause() == null ? e : e.getCause());
        }
        try {
            // The catalog keys send-requests by E.164 number (KeyKind.E164_NUMBER): one number's sends stay in order.
            var record = new ProducerRecord<String, SpecificRecord>(topic, request.getTo(), request);
            RecordMetadata metadata = producer.send(record).get(DELIVERY_TIMEOUT_MS + 5_000L, TimeUnit.MILLISECONDS);
            return new Published(metadata.topic(), metadata.partition(), metadata.offset());
        } catch (ExecutionException e) {
            throw failed(bootstrapServers, topic, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            throw failed(bootstrapServers, topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(bootstrapServers, topic, e);
        } finally {
            // close() without a bound waits as long as unsent batches need; someone is waiting at the terminal
            producer.close(CLOSE_TIMEOUT);
        }
    }

    private static Map<String, Object> config(String bootstrapServers) {
        Map<String, Object> config = KafkaClientDefaults.producer();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "run-local-send");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        return config;
    }

    private static Failed failed(String bootstrapServers, String topic, Throwable cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new Failed("could not publish to " + topic + " on " + bootstrapServers + ": " + oneLine(why)
                + " (is ./run-local.sh running?)", cause);
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
