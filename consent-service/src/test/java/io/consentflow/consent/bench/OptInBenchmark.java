package io.consentflow.consent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.consent.app.EventEncoder;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.OptInSource;
import io.consentflow.consent.domain.OutboxEntry;
import io.consentflow.consent.domain.Subject;
import io.consentflow.events.SendRequest;
import io.consentflow.platform.secrets.DevelopmentSecrets;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.SendRequestSignatures;
import io.consentflow.testsupport.BenchFigures;
import io.consentflow.testsupport.MachineCpu;
import io.consentflow.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import reactor.core.publisher.Mono;

/**
 * Figures, not assertions on speed: web opt-ins (HTTP 202 with the confirmation request published on send-requests,
 * 64 clients, the broker and wire server in this JVM) beside their contract floor ({@link OptInFloor}) on the same
 * store in the same run, with CPU per opt-in per process and per thread group. Rounds of each kind are summed; the
 * floor's rounds run before the real path's in each pair, after a warm-up of both. The relay's safety-net scan runs at
 * its production interval (the tests' 200 ms would scan the whole collection five times a second).
 *
 * <p>{@code -Dbench.optIns=} (per round), {@code -Dbench.rounds=}, {@code -Dbench.concurrency=},
 * {@code -Dbench.warmUp=}; {@code OPTIN_BENCH_JFR=/tmp/x.jfr} records the real path's last round with JFR
 * (execution samples every {@code -Dbench.jfrPeriodMillis=}, default 2 ms).
 */
@TestPropertySource(properties = "consentflow.consent.outbox.poll-interval=10s")
class OptInBenchmark extends IntegrationTestSupport {

    private static final int OPT_INS = Integer.getInteger("bench.optIns", 4_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
    private static final int WARM_UP = Integer.getInteger("bench.warmUp", 8_000);
    private static final double TARGET_SHARE = 0.7;

    @LocalServerPort
    int port;
    @Autowired
    ConsentLifecycle lifecycle;
    @Autowired
    EventEncoder encoder;
    @Autowired
    MongoClient mongoClient;
    @Autowired
    KafkaTemplate<String, SpecificRecord> kafkaTemplate;
    @Value("${spring.mongodb.database:consent}")
    String database;
    @Value("${consentflow.consent.key-ring.database:consent_keys}")
    String keyDatabase;

    @Test
    void optInsBesideTheirContractFloor() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                + loadAverage() + ", infrastructure " + TestInfrastructure.get().mode());
        figures.put("sizes", "warm-up " + WARM_UP + " opt-ins and " + WARM_UP / 2 + " floor opt-ins; " + ROUNDS
                + " measured rounds of " + OPT_INS + " of each; " + CONCURRENCY + " concurrent");
        try (OptInLoad load = new OptInLoad(port, CONCURRENCY)) {
            System.out.printf("warm-up: opt-ins %.0f /s%n", WARM_UP / load.round(WARM_UP).seconds());
            OptInFloor floor = floor(load.lastNumber());
            floor.prepare(TestInfrastructure.get().kafkaBootstrapServers());
            floor.run(WARM_UP / 2, CONCURRENCY);
            OptInMeter floorMeter = new OptInMeter("floor");
            OptInMeter realMeter = new OptInMeter("opt-in");
            var jfr = recording();
            for (int round = 0; round < ROUNDS; round++) {
                MachineCpu.settle();
                floorMeter.start();
                long start = System.nanoTime();
                floor.run(OPT_INS, CONCURRENCY);
                floorMeter.stop(OPT_INS, (System.nanoTime() - start) / 1e9);
                System.out.printf("round %d: floor %.0f /s%n", round, OPT_INS / ((System.nanoTime() - start) / 1e9));
                MachineCpu.settle();
                boolean profiled = jfr != null && round == ROUNDS - 1;
                if (profiled) {
                    jfr.start();
                }
                realMeter.start();
                var result = load.round(OPT_INS);
                realMeter.stop(OPT_INS, result.seconds());
                System.out.printf("round %d: opt-ins %.0f /s%n", round, OPT_INS / result.seconds());
                if (profiled) {
                    jfr.stop();
                }
                realMeter.latencies(result.acceptedMicros(), result.publishedMicros());
            }
            figures.putAll(floorMeter.figures());
            figures.putAll(realMeter.figures());
            figures.put("opt-in rate / floor rate %", Math.round(100 * realMeter.rate() / floorMeter.rate()));
            figures.put("opt-in CPU / floor CPU, all processes", Math.round(100.0 * realMeter.allProcessesMicros()
                    / floorMeter.allProcessesMicros()) / 100.0);
            figures.put("target: >= 2,000 /s or >= 70 % of the floor's rate, whichever is lower",
                    Math.round(Math.min(2_000, TARGET_SHARE * floorMeter.rate())) + " /s");
            figures.put("target: consent-service CPU per opt-in <= 300 us", realMeter.serviceMicros() + " us");
        }
        figures.put("load average at end", loadAverage());
        BenchFigures.print(figures);
        assertThat(figures).containsKey("opt-in per second (all rounds; each round)");
    }

    /** A floor whose documents and events are those of a real opt-in (the last one the warm-up made). */
    private OptInFloor floor(String number) {
        String subjectId = subjects.byContactKey(contactKeys.of(number)).block(WAIT).subject().subjectId();
        Document keyDoc = Mono.from(mongoClient.getDatabase(keyDatabase).getCollection("data_keys")
                .find(Filters.eq("_id", subjectId)).first()).block(WAIT);
        Instant now = Instant.now();
        String fresh = randomNumber();
        Subject subject = Subject.create(UUID.randomUUID().toString(), contactKeys.of(fresh), fresh, "de", now);
        lifecycle.requestOptIn(subject, Set.of("offers"), OptInSource.WEB_FORM, "de", new Evidence(null, now,
                "WEB_FORM", "10.0.0.1", "bench", "https://shop.example/", "2026-11", CONSENT_TEXT,
                Evidence.sha256Hex(CONSENT_TEXT), null), now);
        subject.encodeQueued(event -> encoder.encode(event, null));
        List<OutboxEntry> events = subject.outbox().stream().map(OptInBenchmark::signed).toList();
        // the document as the service inserts it: its outbox still full (save it, read it before any relay runs)
        subjects.save(subjects.newSubject(subject)).block(WAIT);
        Document subjectDoc = subjects.rawDocument(subject.subjectId()).block(WAIT);
        assertThat(subjectDoc.getList("outbox", Document.class)).as("the template's outbox").hasSize(events.size());
        return new OptInFloor(mongoClient, database, keyDatabase, kafkaTemplate, subjectDoc, keyDoc, events);
    }

    private static OutboxEntry signed(OutboxEntry entry) {
        SpecificRecord value = entry.value() == null ? null
                : new AvroEventDeserializer().deserialize(entry.topic(), entry.value());
        if (!(value instanceof SendRequest request)) {
            return entry;
        }
        request.setSignature(SendRequestSignatures.sign(request, "consent-service",
                DevelopmentSecrets.SEND_SIGNING_KEY.getBytes(StandardCharsets.UTF_8)));
        return new OutboxEntry(entry.eventId(), entry.topic(), entry.key(),
                new AvroEventSerializer().serialize(entry.topic(), request), entry.sealed(), null);
    }

    private static jdk.jfr.Recording recording() throws Exception {
        String path = System.getenv("OPTIN_BENCH_JFR");
        if (path == null) {
            return null;
        }
        var recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        // the profile's 10 ms left ~130 samples in a 4 s round on the loaded machine: too few to split the web side
        recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(
                Long.getLong("bench.jfrPeriodMillis", 2)));
        recording.setDestination(Path.of(path));
        return recording;
    }

    static final String CONSENT_TEXT = "Ich willige ein, dass Musterladen mir Angebote per WhatsApp sendet.";

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }
}
