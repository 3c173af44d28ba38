package io.consentflow.consent.bench;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.consent.domain.OutboxEntry;
import io.consentflow.schemas.AvroEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.bson.Document;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The contract floor of one web opt-in: the writes and publishes it must make, done directly with the service's own
 * Mongo driver and producer on the same wire server and broker, with nothing else (no HTTP, validation, digests,
 * encryption, domain or relay logic): the number's and the address's rate-limit counter ({@code $inc} upserts that
 * return the count), the wrapped data key into the key ring, the subject document with its outbox (a real one,
 * sealed fields and all, under a new id), the three events published and acknowledged ({@code OptInRequested},
 * the PENDING snapshot, the signed confirmation request), and the outbox cleared. Its own collections and topics,
 * shaped like the service's (same unique indexes, same partitions), so neither run reads the other's data. Ids are
 * new per instance, so a floor can run again on a store that keeps an earlier run's documents ({@code ./run-local.sh}).
 */
final class OptInFloor {

    private static final String PREFIX = "bench-floor-";

    private final MongoCollection<Document> rateLimits;
    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> subjects;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final AvroEventDeserializer decoder = new AvroEventDeserializer();
    private final Document subjectTemplate;
    private final Document keyTemplate;
    private final List<OutboxEntry> events;
    private final String idPrefix = "floor-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private long sequence;

    OptInFloor(MongoClient mongo, String database, String keyDatabase, KafkaTemplate<String, SpecificRecord> kafka,
            Document subjectTemplate, Document keyTemplate, List<OutboxEntry> events) {
        this.rateLimits = mongo.getDatabase(database).getCollection("floor_rate_limits");
        this.keys = mongo.getDatabase(keyDatabase).getCollection("floor_data_keys");
        this.subjects = mongo.getDatabase(database).getCollection("floor_subjects");
        this.kafka = kafka;
        this.subjectTemplate = subjectTemplate;
        this.keyTemplate = keyTemplate;
        this.events = events;
    }

    /**
     * The floor's unique index (the wire server keeps only unique ones) and topics partitioned like the real ones on
     * the broker at {@code bootstrapServers}; both kept when an earlier run made them.
     */
    void prepare(String bootstrapServers) throws Exception {
        Mono.from(subjects.createIndex(Indexes.ascending("contactKey"), new IndexOptions().unique(true).sparse(true)))
                .block(Duration.ofSeconds(30));
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> real = events.stream().map(OutboxEntry::topic).distinct().toList();
            var described = admin.describeTopics(real).allTopicNames().get();
            List<NewTopic> floorTopics = new ArrayList<>();
            described.forEach((name, topic) ->
                    floorTopics.add(new NewTopic(PREFIX + name, topic.partitions().size(), (short) 1)));
            try {
                admin.createTopics(floorTopics).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitLeaders(admin, floorTopics.stream().map(NewTopic::name).toList());
        }
    }

    /**
     * Until every new partition has its leader, and a little longer: the idempotent producer, sending to a
     * partition whose leadership was still being applied, got NOT_LEADER and then OUT_OF_ORDER_SEQUENCE on each
     * retry and held the floor's sends for minutes.
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean led = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null));
            if (led) {
                Thread.sleep(3_000);
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the floor's topics got no leaders within 60 s");
    }

    /**
     * Runs {@code count} floor opt-ins, {@code concurrency} at a time; returns once every one is done, with each one's
     * time from its first write to its outbox cleared, in µs.
     */
    long[] run(int count, int concurrency) {
        long first = sequence;
        sequence += count;
        long[] micros = new long[count];
        Flux.range(0, count).flatMap(i -> Mono.defer(() -> {
            long started = System.nanoTime();
            return one(first + i).doOnSuccess(done -> micros[i] = (System.nanoTime() - started) / 1_000);
        }), concurrency).blockLast(Duration.ofMinutes(10));
        return micros;
    }

    private Mono<Void> one(long n) {
        String id = idPrefix + n;
        return increment("number-" + id).then(increment("address-" + id))
                .then(Mono.from(keys.insertOne(new Document(keyTemplate).append("_id", id))))
                .then(Mono.from(subjects.insertOne(new Document(subjectTemplate).append("_id", id)
                        .append("contactKey", "key-" + id).append("tokenHash", "token-" + id))))
                .then(Flux.fromIterable(events).flatMap(event -> Mono.fromFuture(
                        () -> kafka.send(PREFIX + event.topic(), event.key(), decoded(event)))).then())
                .then(Mono.from(subjects.updateOne(Filters.eq("_id", id), Updates.combine(
                        Updates.set("outbox", List.of()), Updates.set("outboxSize", 0), Updates.inc("revision", 1L)))))
                .then();
    }

    private Mono<Long> increment(String id) {
        return Mono.from(rateLimits.findOneAndUpdate(Filters.eq("_id", id),
                        Updates.combine(Updates.inc("count", 1L), Updates.setOnInsert("windowEnd", new Date())),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .map(doc -> ((Number) doc.get("count")).longValue());
    }

    /** As the relay publishes an entry: its stored bytes decoded, encoded again by the producer's serializer. */
    private SpecificRecord decoded(OutboxEntry event) {
        return event.value() == null ? null : decoder.deserialize(event.topic(), event.value());
    }
}
