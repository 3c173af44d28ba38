package io.consentflow.e2e;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A campaign system publishing send requests on send-requests (key: the number), each stamped with an explicit
 * record timestamp so request and outcome are compared on the same kind of clock: Kafka record timestamps.
 * Every fifth request is a UTILITY order update for the "support" purpose, the others MARKETING "offers".
 */
final class SendLoad implements AutoCloseable {

    /** requestId → record timestamp of the request. */
    final Map<String, Long> published = new ConcurrentHashMap<>();
    private final KafkaProducer<String, SpecificRecord> producer;
    private long sequence;

    SendLoad(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), new AvroEventSerializer());
    }

    /** Publishes one request and returns its requestId. */
    synchronized String publish(String e164, boolean marketing) {
        String requestId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        published.put(requestId, now);
        producer.send(new ProducerRecord<>(Topics.SEND_REQUESTS.name(), null, now, e164,
                marketing ? marketing(requestId, e164) : utility(requestId, e164)));
        return requestId;
    }

    /** As fast as the producer takes them, round robin over the audience. */
    List<String> burst(List<Phone> audience, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(publish(audience.get(i % audience.size()).e164(), sequence++ % 5 != 0));
        }
        producer.flush();
        return ids;
    }

    /**
     * Paced at {@code perSecond} (catching up to the schedule every millisecond, so the rate holds even when a pause
     * runs long) until {@code running} turns false; returns the requestIds.
     */
    List<String> steady(List<Phone> audience, int perSecond, java.util.function.BooleanSupplier running) {
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        while (running.getAsBoolean()) {
            long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
            while (ids.size() < due) {
                ids.add(publish(audience.get(ids.size() % audience.size()).e164(), sequence++ % 5 != 0));
            }
            ServiceProcess.sleep(1);
        }
        producer.flush();
        return ids;
    }

    void flush() {
        producer.flush();
    }

    static SendRequest marketing(String requestId, String e164) {
        return request(requestId, e164, MessageCategory.MARKETING, "offers",
                template("new_collection", List.of("Herbst 2026")));
    }

    /** An order update (UTILITY template order_update) for a contact who granted {@code support}. */
    static SendRequest utility(String requestId, String e164) {
        return request(requestId, e164, MessageCategory.UTILITY, "support",
                template("order_update", List.of("A-" + requestId.substring(0, 8), "versandt")));
    }

    private static TemplateMessage template(String name, List<String> parameters) {
        return TemplateMessage.newBuilder().setName(name).setLanguage("de")
                .setComponents(List.of(TemplateComponent.newBuilder().setType("body").setSubType(null).setIndex(null)
                        .setParameters(parameters.stream().map(p -> new TemplateParameter("text", p)).toList())
                        .build()))
                .build();
    }

    private static SendRequest request(String requestId, String e164, MessageCategory category, String purpose,
            TemplateMessage template) {
        return SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setProducer(Services.CAMPAIGN_SYSTEMS).setRequestId(requestId).setTo(e164).setCategory(category)
                .setPurpose(purpose).setTemplate(template).setText(null).setCampaignId("bench-2026")
                .setSubjectId(null).setNotAfter(Instant.now().plus(Duration.ofHours(1))).build();
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}
