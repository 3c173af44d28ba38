package io.consentflow.gateway.app;

import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/** Publishes one event to a topic (port; {@code adapters.kafka.KafkaEventPublisher}); completes once acknowledged. */
public interface EventPublisher {

    CompletableFuture<?> send(String topic, String key, SpecificRecord event);
}
