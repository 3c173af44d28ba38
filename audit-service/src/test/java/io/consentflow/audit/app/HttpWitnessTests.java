package io.consentflow.audit.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.consentflow.audit.adapters.mongo.MongoCheckpointStore;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.audit.domain.VerificationResult.Kind;
import io.consentflow.audit.domain.VerificationResult;
import io.consentflow.proof.WitnessedCheckpoint;
import io.consentflow.proof.tsa.LocalTimestampAuthority;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The HTTPS witness contract (POST a head as JSON, GET every head as a JSON array) against a real HTTP server that
 * keeps the first copy of each number: heads arrive, a witness that fails is caught up on the next run, and a removed
 * newest checkpoint is reported from what the endpoint holds.
 */
class HttpWitnessTests {

    private final Map<Long, String> heads = new ConcurrentSkipListMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private HttpServer server;
    private LocalTimestampAuthority tsa;

    @BeforeEach
    void start() throws IOException {
        tsa = LocalTimestampAuthority.start("127.0.0.1", 0, null);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/heads", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        tsa.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (failing.get()) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if ("POST".equals(exchange.getRequestMethod())) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                long number = WitnessedCheckpoint.parse(body).number();
                exchange.sendResponseHeaders(heads.putIfAbsent(number, body) == null ? 201 : 409, -1);
                return;
            }
            byte[] all = ("[" + String.join(",", heads.values()) + "]").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, all.length);
            exchange.getResponseBody().write(all);
        }
    }

    private AnchoredAudit audit() {
        return new AnchoredAudit(tsa.url(), AnchoredAudit.pem(tsa.certificate()), null,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/heads");
    }

    @Test
    void headsArriveAFailingWitnessIsCaughtUpAndARemovedCheckpointIsReported() {
        try (var audit = audit()) {
            audit.append(0, 3);
            Checkpoint first = audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            assertThat(heads).containsOnlyKeys(1L);
            assertThat(WitnessedCheckpoint.parse(heads.get(1L)).recomputedDigest()).isEqualTo(first.digest());

            failing.set(true);
            audit.append(3, 3);
            Checkpoint second = audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            assertThat(heads).containsOnlyKeys(1L);
            assertThat(audit.anchorSteps("round", "failed")).isEqualTo(1);

            failing.set(false);
            audit.clock.advance(AnchoredAudit.HEARTBEAT);
            audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60)).orElseThrow();
            assertThat(heads).as("checkpoint 2 delivered late, with the heartbeat 3").containsOnlyKeys(1L, 2L, 3L);
            assertThat(audit.verification.verifyAll().block().valid()).isTrue();

            // the attacker removes checkpoints 2 and 3 and the entries after checkpoint 1
            Mono.from(audit.collection(MongoCheckpointStore.COLLECTION).deleteMany(Filters.gte("_id", second.number())))
                    .block();
            Mono.from(audit.collection(MongoEntryStore.COLLECTION).deleteMany(Filters.gte("sequence", 3L))).block();
            assertThat(audit.chainsOnly.verifyAll().block().valid()).isTrue();
            VerificationResult result = audit.verification.verifyAll().block();
            assertThat(result.failure().kind()).isEqualTo(Kind.WITNESS_MISMATCH);
            assertThat(result.failure().checkpoint()).isEqualTo(2);
        }
    }
}
