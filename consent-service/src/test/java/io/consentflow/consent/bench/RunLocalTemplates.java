package io.consentflow.consent.bench;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import io.consentflow.consent.adapters.mongo.SubjectCrypto;
import io.consentflow.consent.domain.OutboxEntry;
import io.consentflow.schemas.Topics;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Mono;

/**
 * What {@link OptInFloor} writes and publishes per opt-in, taken from a real opt-in on a running
 * {@code ./run-local.sh}: the newest pending subject document and its key-ring entry as consent-service stored them,
 * and the newest event on each of the three topics an opt-in publishes to, as the relay published them. The subject's
 * outbox (cleared by the relay before it can be read) is put back as consent-service writes it: the three events,
 * the send request (it carries the number) sealed with a data key of its own, so the bytes are the same size.
 */
record RunLocalTemplates(Document subject, Document key, List<OutboxEntry> events) {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> TOPICS = List.of(Topics.CONSENT_EVENTS.name(), Topics.CONSENT_STATE.name(),
            Topics.SEND_REQUESTS.name());

    static RunLocalTemplates read(MongoClient mongo, String database, String keyDatabase, String bootstrapServers) {
        Document subject = Mono.from(mongo.getDatabase(database).getCollection("subjects")
                .find(Filters.eq("status", "PENDING")).sort(Sorts.descending("createdAt")).first()).block(WAIT);
        if (subject == null) {
            throw new IllegalStateException("no pending subject in the store: run real opt-ins first");
        }
        String id = subject.getString("_id");
        Document key = Mono.from(mongo.getDatabase(keyDatabase).getCollection("data_keys")
                .find(Filters.eq("_id", id)).first()).block(WAIT);
        List<OutboxEntry> events = newestEvents(bootstrapServers);
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        SubjectCrypto crypto = new SubjectCrypto(Base64.getEncoder().encodeToString(masterKey));
        SecretKey dataKey = crypto.newDataKey();
        List<Document> outbox = new ArrayList<>();
        for (OutboxEntry event : events) {
            outbox.add(new Document("eventId", event.eventId()).append("topic", event.topic())
                    .append("sealed", event.sealed())
                    .append("key", event.sealed() ? crypto.encrypt(dataKey, id, "outbox-key", event.key()) : event.key())
                    .append("value", new Binary(event.sealed()
                            ? crypto.encryptBytes(dataKey, id, "outbox-value", event.value()) : event.value())));
        }
        Document template = new Document(subject);
        template.remove("_id");
        template.put("outbox", outbox);
        template.put("outboxSize", outbox.size());
        return new RunLocalTemplates(template, key, events);
    }

    /** The last record of each topic's fullest partition, as an outbox entry (the send request sealed). */
    private static List<OutboxEntry> newestEvents(String bootstrapServers) {
        List<OutboxEntry> events = new ArrayList<>();
        for (String topic : TOPICS) {
            ConsumerRecord<String, byte[]> last = newestRecord(bootstrapServers, topic);
            events.add(new OutboxEntry(UUID.randomUUID().toString(), topic, last.key(), last.value(),
                    topic.equals(Topics.SEND_REQUESTS.name()), null));
        }
        return events;
    }

    private static ConsumerRecord<String, byte[]> newestRecord(String bootstrapServers, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            TopicPartition fullest = ends.entrySet().stream().max(Map.Entry.comparingByValue())
                    .filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                    .orElseThrow(() -> new IllegalStateException("nothing on " + topic + " yet"));
            consumer.assign(List.of(fullest));
            consumer.seek(fullest, ends.get(fullest) - 1);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                var last = consumer.poll(Duration.ofMillis(500)).records(fullest).stream()
                        .filter(r -> r.value() != null).max(Comparator.comparingLong(ConsumerRecord::offset));
                if (last.isPresent()) {
                    return last.get();
                }
            }
            throw new IllegalStateException("could not read the last record of " + topic);
        }
    }
}
