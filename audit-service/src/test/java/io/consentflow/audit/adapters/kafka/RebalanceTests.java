package io.consentflow.audit.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.audit.AuditServiceApplication;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.app.EntryStore;
import io.consentflow.audit.app.VerificationService;
import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.VerificationResult;
import io.consentflow.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two instances of the whole service (two Spring contexts of the production configuration: same consumer group, same
 * store) while events stream into every partition of consent-events. Partitions move A -> B (B joins), B -> A (B's
 * listener stops), A -> B (it starts again) and finally everything to B (A shuts down), each time in the middle of
 * the stream. Afterwards every chain holds exactly one entry per offset, contiguous and linked, verify is valid, and
 * neither instance ever tried a stale head hint: every partition B got back had been extended by A meanwhile, and
 * the conflict counter (an insert refused by the unique chain position) stayed at 0 on both.
 */
class RebalanceTests {

    static final String TOPIC = "consent-events";
    static final int PARTITIONS = 6;
    static final Set<Integer> ALL = IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toSet());

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String database = "audit-rebalance-" + run;

    @Test
    void twoInstancesHandPartitionsBackAndForthWithoutForkingLosingOrDuplicatingAnEntry() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (StreamPublisher publisher = new StreamPublisher(TOPIC, PARTITIONS, infrastructure.kafkaBootstrapServers());
                MongoClient mongo = MongoClients.create(infrastructure.mongoUri());
                Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        infrastructure.kafkaBootstrapServers()))) {
            MongoCollection<Document> entries = mongo.getDatabase(database).getCollection(MongoEntryStore.COLLECTION);
            ConfigurableApplicationContext a = start();
            ConfigurableApplicationContext b = null;
            try {
                // 1: A alone owns every partition
                awaitAssignment(a, ALL);
                publisher.start();
                settle(publisher, admin, entries);

                // 2: B joins mid-stream and takes part of the partitions
                b = start();
                ConfigurableApplicationContext instanceB = b;
                await().atMost(Duration.ofSeconds(90)).until(() -> split(a, instanceB));
                Set<Integer> heldByB = assigned(b);
                assertThat(heldByB).isNotEmpty().isNotEqualTo(ALL);
                settle(publisher, admin, entries);

                // 3: B's listener stops: A gets B's partitions back and extends them
                events(b).stop();
                awaitAssignment(a, ALL);
                settle(publisher, admin, entries);

                // 4: B's listener starts again: B gets partitions back that A extended in 3
                events(b).start();
                await().atMost(Duration.ofSeconds(90)).until(() -> split(a, instanceB));
                settle(publisher, admin, entries);
                double conflictsA = conflicts(a);

                // 5: A shuts down mid-stream: B owns everything, including every partition it held in 2
                a.close();
                awaitAssignment(b, ALL);
                settle(publisher, admin, entries);

                publisher.close();
                Map<Integer, long[]> bounds = awaitCaughtUp(admin, entries);
                for (int p = 0; p < PARTITIONS; p++) {
                    assertChainHoldsEveryOffsetOnce(entries, p, bounds.get(p)[0], bounds.get(p)[1]);
                }
                List<String> published = publisher.eventIds();
                assertThat(published).hasSizeGreaterThan(5 * 2 * PARTITIONS);
                Set<String> stored = Flux.from(entries.find(Filters.in("eventId", published)))
                        .map(d -> d.getString("eventId")).collectList().block().stream().collect(Collectors.toSet());
                assertThat(stored).containsExactlyInAnyOrderElementsOf(published);
                assertThat(count(entries, Filters.in("eventId", published))).isEqualTo(published.size());

                // the hint was dropped at every handover: no instance ever wrote from a stale head
                assertThat(conflictsA).isZero();
                assertThat(conflicts(b)).isZero();

                // what GET /verify answers (that endpoint is covered in the shared context: with two contexts in one
                // JVM, closing A disposes Reactor Netty's global event loops that B's web server runs on)
                VerificationResult result = b.getBean(VerificationService.class).verifyAll()
                        .block(Duration.ofSeconds(60));
                assertThat(result.valid()).as("%s", result.failure()).isTrue();
                assertThat(result.entriesChecked()).isGreaterThanOrEqualTo(published.size());
            } finally {
                publisher.close();
                if (a.isActive()) {
                    a.close();
                }
                if (b != null) {
                    b.close();
                }
            }
        }
    }

    /** One instance of the service; command-line arguments, so they win over application.yml like a real deployment's. */
    private ConfigurableApplicationContext start() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        Map<String, String> properties = Map.of(
                "spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                "spring.mongodb.uri", infrastructure.mongoUri(),
                "spring.mongodb.database", database,
                "spring.kafka.consumer.group-id", "audit-rebalance-" + run,
                "server.port", "0",
                "spring.main.banner-mode", "off",
                "LOG_FORMAT", "",
                "logging.level.org.apache.kafka", "WARN",
                "logging.level.org.mongodb.driver", "WARN");
        return new SpringApplicationBuilder(AuditServiceApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    /** Publishing goes on for at least two records per partition; then everything published so far is stored. */
    private void settle(StreamPublisher publisher, Admin admin, MongoCollection<Document> entries) {
        int target = publisher.eventIds().size() + 2 * PARTITIONS;
        await().atMost(Duration.ofSeconds(60)).until(() -> publisher.eventIds().size() >= target);
        awaitCaughtUp(admin, entries);
    }

    /** Waits until every partition's chain holds as many entries as the partition has records; returns the bounds. */
    private Map<Integer, long[]> awaitCaughtUp(Admin admin, MongoCollection<Document> entries) {
        Map<Integer, long[]> bounds = bounds(admin);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> bounds.entrySet()
                .stream().allMatch(e -> count(entries, Filters.eq("chainId", AuditEntry.chainId(TOPIC, e.getKey())))
                        >= e.getValue()[1] - e.getValue()[0]));
        return bounds;
    }

    private static void assertChainHoldsEveryOffsetOnce(MongoCollection<Document> entries, int partition, long from,
            long to) {
        List<Document> chain = Flux.from(entries.find(Filters.eq("chainId", AuditEntry.chainId(TOPIC, partition)))
                .sort(Sorts.ascending("sequence"))).collectList().block();
        assertThat(chain).extracting(d -> d.getLong("offset"))
                .as("partition %d: one entry per offset, none missing", partition)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(from, to).boxed().toList());
        for (int i = 0; i < chain.size(); i++) {
            assertThat(chain.get(i).getLong("sequence")).isEqualTo(i);
            assertThat(chain.get(i).getString("prevHash")).as("partition %d, sequence %d", partition, i)
                    .isEqualTo(i == 0 ? "0".repeat(64) : chain.get(i - 1).getString("hash"));
        }
    }

    private static Map<Integer, long[]> bounds(Admin admin) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            earliest.put(new TopicPartition(TOPIC, p), OffsetSpec.earliest());
            latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
        }
        try {
            var first = admin.listOffsets(earliest).all().get();
            var last = admin.listOffsets(latest).all().get();
            Map<Integer, long[]> bounds = new HashMap<>();
            first.forEach((tp, info) -> bounds.put(tp.partition(),
                    new long[] {info.offset(), last.get(tp).offset()}));
            return bounds;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageListenerContainer events(ConfigurableApplicationContext context) {
        return context.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(AuditListeners.LISTENER_EVENTS);
    }

    private static Set<Integer> assigned(ConfigurableApplicationContext context) {
        MessageListenerContainer container = events(context);
        Collection<TopicPartition> partitions = container.isRunning() ? container.getAssignedPartitions() : null;
        Set<Integer> result = new HashSet<>();
        if (partitions != null) {
            partitions.stream().filter(tp -> tp.topic().equals(TOPIC)).forEach(tp -> result.add(tp.partition()));
        }
        return result;
    }

    private static void awaitAssignment(ConfigurableApplicationContext context, Set<Integer> expected) {
        await().atMost(Duration.ofSeconds(90)).until(() -> assigned(context).equals(expected));
    }

    /** Both instances hold part of the partitions, together all, none twice. */
    private static boolean split(ConfigurableApplicationContext a, ConfigurableApplicationContext b) {
        Set<Integer> ofA = assigned(a);
        Set<Integer> ofB = assigned(b);
        Set<Integer> union = new HashSet<>(ofA);
        union.addAll(ofB);
        return !ofA.isEmpty() && !ofB.isEmpty() && union.equals(ALL) && ofA.size() + ofB.size() == PARTITIONS;
    }

    private static double conflicts(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).counter("audit.chain.head.conflicts").count();
    }

    private static long count(MongoCollection<Document> collection, org.bson.conversions.Bson filter) {
        return Mono.from(collection.countDocuments(filter)).block();
    }
}
