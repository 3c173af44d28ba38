package io.consentflow.audit;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.app.EntryStore;
import io.consentflow.proof.Timestamps;
import io.consentflow.proof.tsa.LocalTimestampAuthority;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffTokens;
import io.consentflow.testsupport.TestInfrastructure;
import io.consentflow.testsupport.WithTestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import io.consentflow.platform.mongo.MongoCollections;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One Spring context for every integration test of this module (same annotations: the context cache shares it). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@WithTestInfrastructure
abstract class AuditIntegrationTest {

    /** The shared context time-stamps every checkpoint at a real local TSA and delivers it to a witness folder. */
    protected static final LocalTimestampAuthority TSA = LocalTimestampAuthority.start("127.0.0.1", 0, null);
    protected static final Path WITNESS = witnessFolder();

    @DynamicPropertySource
    static void anchoring(DynamicPropertyRegistry registry) {
        registry.add("consentflow.audit.anchor.timestamp.url", TSA::url);
        registry.add("consentflow.audit.anchor.timestamp.certificate", () -> Timestamps.pem(TSA.certificate()));
        registry.add("consentflow.audit.anchor.witness.folder", WITNESS::toString);
    }

    private static Path witnessFolder() {
        try {
            return Files.createTempDirectory("audit-witness-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected MongoCollections mongo;

    protected final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    protected MongoCollection<Document> collection(String name) {
        return mongo.named(name);
    }

    protected List<Document> entriesWithEventIds(Collection<String> eventIds) {
        return Flux.from(collection(MongoEntryStore.COLLECTION).find(Filters.in("eventId", eventIds))).collectList()
                .block();
    }

    protected List<Document> awaitEntries(Collection<String> eventIds) {
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200))
                .until(() -> entriesWithEventIds(eventIds).size() >= eventIds.size());
        return entriesWithEventIds(eventIds);
    }

    protected List<Document> allDocuments(String name) {
        return Flux.from(collection(name).find()).collectList().block();
    }

    protected long count(String name, org.bson.conversions.Bson filter) {
        return Mono.from(collection(name).countDocuments(filter)).block();
    }

    /**
     * A GET as a staff role. Three times in about 35 runs (twice in CI, once under CPU load) a request right after the
     * CSV export waited out the client's 30 s without an answer, and a thread dump taken every 4 s never caught it; so
     * a timeout prints every thread's stack before failing. The one it printed (CI, 2026-11-30) showed no thread at
     * work: the answer stalled, it was not slow.
     */
    protected WebTestClient.ResponseSpec get(String uri, String role) {
        try {
            // staff accountability: every read of subject data needs a reason (StaffAccessTests checks its absence)
            return web.get().uri(uri).header("X-Staff-Reason", "test: audit staff call")
                    .headers(h -> h.setBearerAuth(StaffTokens.forRole(role))).exchange();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                printThreads("GET " + uri.replaceAll("\\?.*", "") + " timed out");
            }
            throw e;
        }
    }

    private static void printThreads(String why) {
        StringBuilder dump = new StringBuilder("=== thread dump: ").append(why).append('\n');
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            dump.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        System.err.print(dump);
    }

    /** A raw record with headers, as spring-kafka's dead-letter recoverer writes it. */
    protected static void publishRaw(String topic, String key, byte[] value, Map<String, byte[]> headers) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, bytes) -> record.headers().add(name, bytes));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
