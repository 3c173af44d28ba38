import io.consentflow.events.MessageCategory;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateMessage;
import io.consentflow.schemas.Topics;
import io.consentflow.schemas.kafka.KafkaClientDefaults;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.avro.specific.SpecificRecord;

/**
 * The producer guide's Java example (docs/producers.md): publishes one marketing SendRequest on send-requests with
 * the schemas jar's serializer. Run with the schemas jar, kafka-clients and their dependencies on the classpath:
 *
 * <pre>java -cp "$CLASSPATH" CampaignProducer.java +4915112345678 spring-sale-0001 spring-sale offers offer de</pre>
 *
 * KAFKA_BOOTSTRAP_SERVERS names the brokers; in production add the SASL settings of your KafkaUser (see the guide).
 */
public class CampaignProducer {

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: CampaignProducer <to E.164> <requestId> <campaignId> <purpose> <template> "
                    + "<language>");
            System.exit(2);
        }
        String to = args[0];

        Map<String, Object> config = new HashMap<>(KafkaClientDefaults.producer()); // acks=all, idempotent, serializers
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS",
                "localhost:9092"));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "campaign-example");
        try (var producer = new KafkaProducer<String, SpecificRecord>(config)) {
            // built after the producer: its serializer trusts io.consentflow.events, which Avro 1.12 asks for when a
            // builder fills in a default (the template's empty component list)
            SendRequest request = SendRequest.newBuilder()
                    .setEventId(UUID.randomUUID().toString()) // a retry of the same request keeps eventId and requestId
                    .setOccurredAt(Instant.now())
                    .setProducer("campaign-example")
                    .setRequestId(args[1])                  // the idempotency key: sent at most once
                    .setTo(to)
                    .setCategory(MessageCategory.MARKETING)
                    .setPurpose(args[3])
                    .setCampaignId(args[2])
                    .setTemplate(TemplateMessage.newBuilder().setName(args[4]).setLanguage(args[5]).build())
                    .build();
            // the key is the number: every request to one person lands on one partition, in order
            RecordMetadata written = producer.send(new ProducerRecord<>(Topics.SEND_REQUESTS.name(), to, request))
                    .get();
            System.out.println("published " + request.getRequestId() + " to " + written.topic() + "-"
                    + written.partition() + "@" + written.offset());
        }
    }
}
