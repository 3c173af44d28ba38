package io.consentflow.simulator.bench;

import io.consentflow.testsupport.BenchFigures;
import io.consentflow.testsupport.ThreadCpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * CPU cost of the simulator per Cloud API send, as the end-to-end benchmark runs it (SIM_AUTO_READ=false: per send
 * the POST, then a "sent" and a "delivered" status webhook). Real HTTP both ways: a reactor-netty client with its
 * own event loop drives the sends, a minimal reactor-netty server with its own event loop accepts the webhooks, so
 * their threads can be told apart from the simulator's in /proc. Run with
 * {@code ./mvnw -q -o -pl whatsapp-simulator -Pbench verify}; {@code -Dbench.sends=N}, {@code -Dbench.concurrency=C};
 * {@code SIM_BENCH_JFR=/tmp/sim.jfr} records a JFR CPU profile of the measured run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "simulator.auto-read=false",
        // the benchmark measures CPU per send, so Meta's 1,000/s business-number throughput must not answer 130429
        "simulator.throughput-per-second=100000000"})
class SimulatorBenchmark {

    static final int SENDS = Integer.getInteger("bench.sends", 20_000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 256);
    static final int PHONES = 1_000;
    static final String TOKEN = "local-access-token";

    static final LoopResources RECEIVER_LOOPS = LoopResources.create("bench-recv", 1, true);
    static final AtomicLong WEBHOOKS = new AtomicLong();
    static final AtomicLong STATUSES = new AtomicLong();
    static final DisposableServer RECEIVER = HttpServer.create().host("127.0.0.1").port(0).runOn(RECEIVER_LOOPS)
            .route(routes -> routes.post("/webhooks/whatsapp", (request, response) -> request.receive().aggregate()
                    .asByteArray().flatMap(body -> {
                        WEBHOOKS.incrementAndGet();
                        STATUSES.addAndGet(count(body, "\"recipient_id\"".getBytes(StandardCharsets.UTF_8)));
                        return response.status(200).send().then();
                    })))
            .bindNow();

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final java.util.List<Runnable> checks = new java.util.ArrayList<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void webhookUrl(DynamicPropertyRegistry registry) {
        registry.add("simulator.webhook-url", () -> "http://127.0.0.1:" + RECEIVER.port() + "/webhooks/whatsapp");
    }

    @AfterAll
    static void stop() {
        RECEIVER.disposeNow();
        RECEIVER_LOOPS.disposeLater().block(Duration.ofSeconds(5));
    }

    @Test
    void cpuPerSend() throws Exception {
        figures.put("machine", Runtime.getRuntime().availableProcessors() + " cores, load average at start "
                + loadAverage());
        figures.put("sizes", "warm-up " + SENDS + " + measured " + SENDS + " sends, concurrency " + CONCURRENCY
                + ", " + PHONES + " phones, auto-read off (2 statuses per send)");
        LoopResources clientLoops = LoopResources.create("bench-client", 1, true);
        ConnectionProvider pool = ConnectionProvider.builder("bench-client").maxConnections(CONCURRENCY)
                .pendingAcquireMaxCount(-1).build();
        HttpClient client = HttpClient.create(pool).runOn(clientLoops).baseUrl("http://127.0.0.1:" + port)
                .headers(h -> h.set("Authorization", "Bearer " + TOKEN).set("Content-Type", "application/json"));
        try {
            run(client, "warm-up", 0);
            String jfrPath = System.getenv("SIM_BENCH_JFR");
            var jfr = jfrPath == null ? null
                    : new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            if (jfr != null) {
                jfr.start();
            }
            run(client, "measured", SENDS);
            if (jfr != null) {
                jfr.stop();
                jfr.dump(Path.of(jfrPath));
                jfr.close();
            }
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(5));
            clientLoops.disposeLater().block(Duration.ofSeconds(5));
        }
        figures.put("load average at end", loadAverage());
        print();
        checks.forEach(Runnable::run);
    }

    private void run(HttpClient client, String phase, int offset) throws InterruptedException {
        long webhooksBefore = WEBHOOKS.get();
        long statusesBefore = STATUSES.get();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ThreadCpu cpu = new ThreadCpu(SimulatorThreads.GROUPS);
        long start = System.nanoTime();
        Flux.range(offset, SENDS)
                .flatMap(i -> client.post().uri(i % 2 == 0 ? "/v23.0/100000000000001/messages"
                                : "/v23.0/100000000000001/marketing_messages")
                        .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body(i).getBytes(StandardCharsets.UTF_8))))
                        .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                                .map(text -> response.status().code()))
                        .doOnNext(status -> (status == 200 ? ok : failed).incrementAndGet())
                        .onErrorResume(e -> {
                            failed.incrementAndGet();
                            return Mono.empty();
                        }), CONCURRENCY)
                .blockLast(Duration.ofMinutes(5));
        long sendNanos = System.nanoTime() - start;
        long expected = statusesBefore + 2L * ok.get();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (STATUSES.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long allNanos = System.nanoTime() - start;
        Map<String, Double> groups = cpu.perUnitMicros(SENDS);
        double process = cpu.processMicrosPerUnit(SENDS);
        long statuses = STATUSES.get() - statusesBefore;
        long webhooks = WEBHOOKS.get() - webhooksBefore;
        double harness = groups.entrySet().stream().filter(e -> e.getKey().startsWith("harness"))
                .mapToDouble(Map.Entry::getValue).sum();
        figures.put(phase + ": sends accepted / failed", ok.get() + " / " + failed.get());
        figures.put(phase + ": sends/s (all answered)", Math.round(SENDS / (sendNanos / 1e9)));
        figures.put(phase + ": seconds until every status webhook arrived", Math.round(allNanos / 1e7) / 100.0);
        figures.put(phase + ": status webhooks (POSTs) / statuses delivered", webhooks + " / " + statuses);
        figures.put(phase + ": statuses per webhook", Math.round(statuses * 100.0 / Math.max(1, webhooks)) / 100.0);
        figures.put(phase + ": CPU µs per send, whole process", process);
        figures.put(phase + ": CPU µs per send, process minus harness threads",
                Math.round((process - harness) * 10) / 10.0);
        groups.forEach((group, micros) -> figures.put(phase + ": CPU µs per send, " + group, micros));
        // checked after the table is printed, so a run that falls behind still shows its figures
        checks.add(() -> assertThat(failed.get()).as(phase + ": failed sends").isZero());
        checks.add(() -> assertThat(statuses).as(phase + ": statuses delivered within two minutes")
                .isGreaterThanOrEqualTo(2L * ok.get()));
    }

    private static String body(int i) {
        String to = "+49151" + (7_000_000 + i % PHONES);
        return i % 2 == 0
                ? "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"" + to
                        + "\",\"type\":\"template\",\"template\":{\"name\":\"order_update\",\"language\":{\"code\":"
                        + "\"de\"},\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":\""
                        + i + "\"},{\"type\":\"text\",\"text\":\"versandt\"}]}]}}"
                : "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"" + to
                        + "\",\"type\":\"template\",\"template\":{\"name\":\"new_collection\",\"language\":{\"code\":"
                        + "\"en\"},\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\",\"text\":"
                        + "\"Winter " + i + "\"}]}]}}";
    }

    private static long count(byte[] haystack, byte[] needle) {
        long n = 0;
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    private void print() throws Exception {
        BenchFigures.print(figures);
    }
}
