package io.consentflow.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.gateway.domain.TemplateCatalog;
import io.consentflow.gateway.support.StubCloudApiInitializer;
import io.consentflow.testsupport.BenchFigures;
import io.consentflow.testsupport.StaffTokens;
import io.consentflow.testsupport.ThreadCpu;
import io.consentflow.testsupport.WithTestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.ContextConfiguration;

/**
 * Figures, not assertions on speed (issue 26 item 5): REST send requests accepted per second by the gateway's send
 * API with 16 clients, in campaign batches of 1,000 and one at a time, and the CPU per accepted request (validation,
 * the idempotency claim in MongoDB, the Kafka publication). Single requests are measured beside one-item batches in
 * alternating rounds of one run: the same work per request without sharing the claim insert and the publication
 * with concurrent requests, as single requests were handled before, so the ratio holds whatever else loads the
 * machine. The send listener is stopped, so the figures are the
 * API's alone; broker, wire server and clients run in this JVM too and are reported as their own groups.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=WARN", "consentflow.gateway.campaign-api.max-batch=10000"})
@WithTestInfrastructure
@ContextConfiguration(initializers = StubCloudApiInitializer.class)
class CampaignApiBenchmark {

    private static final int CLIENTS = 16;
    private static final int BATCH = 1_000;
    private static final int BATCH_ROUNDS = Integer.getInteger("bench.batchRounds", 4);
    private static final int SINGLES = Integer.getInteger("bench.singles", 9_600);
    /**
     * Single requests before the measured ones: after 600 the JIT still spent ~0.9 ms CPU per measured request (it had
     * not compiled the single path yet), after 12,000 10-20 µs.
     */
    private static final int SINGLE_WARM_UP = Integer.getInteger("bench.singleWarmUp", 12_000);
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("gateway-web", "gateway: web event loops (API)");
        GROUPS.put("kafka-producer", "gateway: producer I/O thread");
        GROUPS.put("mongo-io", "gateway: Mongo driver");
        GROUPS.put("multiThreadIoEventLoopGroup", "gateway: Mongo driver");
        GROUPS.put("AsyncGetter", "gateway: Mongo driver");
        GROUPS.put("cluster-", "gateway: Mongo driver");
        GROUPS.put("parallel-", "gateway: reactor timers");
        GROUPS.put("bench-client", "clients (harness)");
        GROUPS.put("HttpClient", "clients (harness)");
        GROUPS.put("mongo-server", "Mongo wire server (harness)");
        GROUPS.put("data-plane-kafka", "Kafka broker (harness)");
        GROUPS.put("kafka-", "Kafka broker (harness)");
        GROUPS.put("quorum", "Kafka broker (harness)");
        GROUPS.put("raft", "Kafka broker (harness)");
        GROUPS.put("broker-", "Kafka broker (harness)");
        GROUPS.put("controller-", "Kafka broker (harness)");
        GROUPS.put("executor-", "Kafka broker (harness)");
        GROUPS.put("group-coordinator", "Kafka broker (harness)");
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaListenerEndpointRegistry registry;
    @Autowired
    TemplateCatalog templates;

    private final String token = StaffTokens.forRole("CAMPAIGN");
    // HTTP/1.1 as campaign systems' clients speak it; the default HTTP/2 would try an h2c upgrade on each connection
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4, named("bench-client-io"))).build();

    @Test
    void acceptedPerSecond() throws Exception {
        await().atMost(Duration.ofMinutes(2)).until(() -> templates.loadedAt() != null
                && registry.getListenerContainer("send-requests").isRunning());
        registry.getListenerContainer("send-requests").stop(); // the API's figures alone
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("clients", CLIENTS);
        run("warm-up", 1, () -> postBatch("warm"), BATCH, null);
        run("warm-up singles", SINGLE_WARM_UP, () -> postSingle(), 1, null);
        run("warm-up one-item batches", SINGLE_WARM_UP / 2, () -> postOneItemBatch(), 1, null);
        run("batches of " + BATCH, BATCH_ROUNDS, () -> postBatch("bench"), BATCH, figures);
        // side by side under the same load: a single request shares its claim insert and publication with those
        // posted at the same moment; a one-item batch has them to itself, as every single request had before
        for (String round : List.of(" (1)", " (2)")) {
            run("one-item batches, unshared" + round, SINGLES / CLIENTS / 2, () -> postOneItemBatch(), 1, figures);
            run("single requests" + round, SINGLES / CLIENTS / 2, () -> postSingle(), 1, figures);
        }
        BenchFigures.print(figures);
    }

    private interface Post {
        void post() throws Exception;
    }

    private void run(String name, int postsPerClient, Post post, int requestsPerPost, Map<String, Object> figures)
            throws Exception {
        ThreadCpu cpu = new ThreadCpu(GROUPS);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, named("bench-client"));
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                for (int i = 0; i < postsPerClient; i++) {
                    post.post();
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        long accepted = (long) CLIENTS * postsPerClient * requestsPerPost;
        if (figures != null) {
            figures.put(name + ": accepted", accepted);
            figures.put(name + ": accepted/s", Math.round(accepted / seconds));
            figures.put(name + ": process CPU µs per accepted request", cpu.processMicrosPerUnit(accepted));
            cpu.perUnitMicros(accepted).forEach((group, micros) -> figures.put(name + ": CPU µs per request, "
                    + group, micros));
        }
    }

    private void postBatch(String prefix) throws Exception {
        StringBuilder body = new StringBuilder(BATCH * 110).append('[');
        String campaign = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < BATCH; i++) {
            body.append(i == 0 ? "" : ",").append(item(campaign + "-" + i));
        }
        body.append(']');
        HttpResponse<String> response = http.send(request("/api/v1/campaigns/" + campaign + "/send-requests",
                body.toString()), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private void postSingle() throws Exception {
        HttpResponse<String> response = http.send(request("/api/v1/send-requests", item("one-" + UUID.randomUUID())),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private void postOneItemBatch() throws Exception {
        String campaign = "one-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = http.send(request("/api/v1/campaigns/" + campaign + "/send-requests",
                "[" + item(campaign + "-0") + "]"), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static String item(String requestId) {
        String number = "+49151" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        return "{\"requestId\":\"" + requestId + "\",\"to\":\"" + number + "\",\"purpose\":\"offers\","
                + "\"template\":{\"name\":\"offer\",\"language\":\"de\"}}";
    }

    private HttpRequest request(String path, String json) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicLong next = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
