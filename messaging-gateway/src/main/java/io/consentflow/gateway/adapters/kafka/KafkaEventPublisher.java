package io.consentflow.gateway.adapters.kafka;

import io.consentflow.gateway.app.EventPublisher;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** The app's one way to publish: Boot's producer, acknowledged by the broker when the future completes. */
@Component
class KafkaEventPublisher implements EventPublisher {

    private final KafkaTemplate<String, SpecificRecord> kafka;

    KafkaEventPublisher(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    @Override
    public CompletableFuture<?> send(String topic, String key, SpecificRecord event) {
        return kafka.send(topic, key, event);
    }
}
