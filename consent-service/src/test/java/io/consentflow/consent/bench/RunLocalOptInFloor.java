package io.consentflow.consent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.testsupport.BenchFigures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Figures, not assertions on speed: the contract floor of a web opt-in ({@link OptInFloor}: the two rate-limit
 * upserts, the key-ring insert, the subject document insert, the three events published and acknowledged, the outbox
 * cleared; 16 at a time) on a running {@code ./run-local.sh}'s own wire server (H2 store) and broker, in rounds
 * alternating with the real path's ({@code scripts/OptInBench.java} as committed, the same sizes), with the CPU of
 * every process the suite started per opt-in, and the bound the floor sets on two cores. The floor writes to its own
 * collections and topics ({@code bench-floor-*}): no service reads them, so the floor counts consent-service's
 * contract I/O alone, and what the downstream services spend on a real opt-in is read from the real rounds.
 *
 * <p>Not in any test run: {@code -Dtest=RunLocalOptInFloor} with {@code -Pbench}, on a suite started with
 * {@code CONSENTFLOW_TRUSTED_PROXIES=127.0.0.0/8 ./run-local.sh start -d} (docs/performance.md). The broker and
 * wire server are found as the services find them ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code MONGODB_URI}, run-local's
 * defaults otherwise). {@code -Dbench.optIns=} per round, {@code -Dbench.rounds=}, {@code -Dbench.clients=},
 * {@code -Dbench.warmUp=} (real opt-ins, then as many floor ones), {@code -Dbench.root=} (the checkout).
 */
class RunLocalOptInFloor {

    private static final int OPT_INS = Integer.getInteger("bench.optIns", 3_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final int WARM_UP = Integer.getInteger("bench.warmUp", 1_000);
    private static final double TWO_CORES_MICROS = 2_000_000;
    private static final String KEY_DATABASE = "consent_keys";
    /** What reacts to a real opt-in downstream (its confirmation's send, webhooks, audit entries, deadlines). */
    private static final Set<String> DOWNSTREAM = Set.of("messaging-gateway", "whatsapp-simulator", "audit-service",
            "retention-service");

    @Test
    void floorBesideTheRealPath() throws Exception {
        Path root = Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize();
        RunLocalProcesses processes = new RunLocalProcesses(root.resolve(".local"));
        String bootstrapServers = env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                + RunLocalProcesses.loadAverage() + "; processes measured: " + processes.cpuSeconds().keySet());
        figures.put("sizes", "warm-up " + WARM_UP + " real opt-ins, then as many floor opt-ins; " + ROUNDS
                + " rounds of " + OPT_INS + " of each, floor first; " + CLIENTS + " concurrent");
        System.out.println("warm-up: real path");
        OptInBenchRound.run(root, CLIENTS, WARM_UP);
        List<OptInBenchRound> floorRounds = new ArrayList<>();
        List<OptInBenchRound> realRounds = new ArrayList<>();
        var producers = new DefaultKafkaProducerFactory<String, SpecificRecord>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.CLIENT_ID_CONFIG,
                "bench-floor"), new StringSerializer(), new AvroEventSerializer());
        try (MongoClient mongo = MongoClients.create(env("MONGODB_URI", "mongodb://localhost:27017"))) {
            String database = env("MONGODB_DATABASE", "consent");
            RunLocalTemplates templates = RunLocalTemplates.read(mongo, database, KEY_DATABASE, bootstrapServers);
            OptInFloor floor = new OptInFloor(mongo, database, KEY_DATABASE, new KafkaTemplate<>(producers),
                    templates.subject(), templates.key(), templates.events());
            floor.prepare(bootstrapServers);
            floor.run(WARM_UP, CLIENTS);
            for (int round = 0; round < ROUNDS; round++) {
                System.out.printf("round %d: settled %.0f s, load %s%n", round, processes.settle(60),
                        RunLocalProcesses.loadAverage());
                floorRounds.add(floorRound(floor, processes));
                print("round " + round + ": floor", floorRounds.get(round));
                System.out.printf("round %d: settled %.0f s, load %s%n", round, processes.settle(60),
                        RunLocalProcesses.loadAverage());
                realRounds.add(OptInBenchRound.run(root, CLIENTS, OPT_INS));
                print("round " + round + ": real path", realRounds.get(round));
            }
        } finally {
            producers.destroy();
        }
        figures.putAll(summary(floorRounds, realRounds));
        figures.put("load average at end", RunLocalProcesses.loadAverage());
        BenchFigures.print(figures);
        assertThat(floorRounds).hasSize(ROUNDS);
    }

    private static OptInBenchRound floorRound(OptInFloor floor, RunLocalProcesses processes) {
        Map<String, Double> before = processes.cpuSeconds();
        long start = System.nanoTime();
        long[] micros = floor.run(OPT_INS, CLIENTS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return OptInBenchRound.floor(OPT_INS, seconds, micros,
                RunLocalProcesses.since(before, processes.cpuSeconds()));
    }

    /** Per process floor → real path, the rates, and the bounds: two cores' CPU over the floor's CPU per opt-in. */
    private static Map<String, Object> summary(List<OptInBenchRound> floorRounds, List<OptInBenchRound> realRounds) {
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, Double> floor = OptInBenchRound.micros(floorRounds);
        Map<String, Double> real = OptInBenchRound.micros(realRounds);
        figures.put("floor opt-ins/s (all rounds; each round)", rates(floorRounds));
        figures.put("real opt-ins/s (HTTP 202; all rounds; each round)", rates(realRounds));
        figures.put("floor p50 / p99 ms per round (first write -> outbox cleared)", latencies(floorRounds));
        figures.put("real p50 / p99 ms per round (request -> 202)", latencies(realRounds));
        real.forEach((process, us) -> figures.put("cpu_us/op " + process + ": floor -> real path",
                Math.round(floor.getOrDefault(process, 0.0)) + " -> " + Math.round(us)));
        double floorAll = floor.values().stream().mapToDouble(Double::doubleValue).sum();
        double realAll = real.values().stream().mapToDouble(Double::doubleValue).sum();
        double downstream = real.entrySet().stream().filter(e -> DOWNSTREAM.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
        figures.put("cpu_us/op all processes: floor -> real path", Math.round(floorAll) + " -> " + Math.round(realAll));
        figures.put("bound on 2 cores from the floor alone (2,000,000 us/s / floor us)",
                Math.round(TWO_CORES_MICROS / floorAll) + " /s");
        figures.put("bound with the downstream services' own CPU of a real opt-in added (gateway, simulator, audit, "
                + "retention: " + Math.round(downstream) + " us)", Math.round(TWO_CORES_MICROS / (floorAll + downstream))
                + " /s");
        figures.put("real path: share of the floor's rate %, CPU / floor CPU", Math.round(100
                * OptInBenchRound.rate(realRounds) / OptInBenchRound.rate(floorRounds)) + ", "
                + Math.round(100 * realAll / floorAll) / 100.0);
        return figures;
    }

    private static void print(String what, OptInBenchRound round) {
        System.out.printf("%s %.0f /s, p50 %.1f ms, p99 %.1f ms, CPU all processes %.0f us per opt-in %s%n", what,
                round.rate(), round.p50Millis(), round.p99Millis(), round.allMicros(), round.microsPerOptIn());
    }

    private static String rates(List<OptInBenchRound> rounds) {
        return Math.round(OptInBenchRound.rate(rounds)) + " " + rounds.stream().map(r -> Math.round(r.rate())).toList();
    }

    private static String latencies(List<OptInBenchRound> rounds) {
        return rounds.stream().map(r -> Math.round(r.p50Millis()) + " / " + Math.round(r.p99Millis())).toList()
                .toString();
    }

    private static String env(String name, String runLocalDefault) {
        return System.getenv().getOrDefault(name, runLocalDefault);
    }
}
