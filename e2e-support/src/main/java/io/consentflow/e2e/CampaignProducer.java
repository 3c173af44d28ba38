package io.consentflow.e2e;

import io.consentflow.schemas.AvroEventSerializer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** A campaign system's producer: idempotent, acks=all, many requests in flight. */
final class CampaignProducer implements AutoCloseable {

    private final KafkaProducer<String, SpecificRecord> producer;

    CampaignProducer(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new AvroEventSerializer());
    }

    void send(String topic, String key, SpecificRecord event) {
        producer.send(new ProducerRecord<>(topic, key, event));
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}
