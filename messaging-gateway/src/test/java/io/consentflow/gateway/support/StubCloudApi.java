package io.consentflow.gateway.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for Meta's Cloud API over real HTTP (a reactor-netty server on its own event loops, so it is no
 * bottleneck of the benchmark): answers like Meta (success body with contacts and a wamid; error bodies {@code {"error":{"message","type","code","error_data","fbtrace_id"}}}), with scripted answers
 * per recipient, and records every call.
 */
public final class StubCloudApi implements AutoCloseable {

    public record Call(String path, String authorization, JsonNode body) {
        public String to() {
            return body.path("to").asString("");
        }
    }

    public record Answer(int status, String body, long delayMillis) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final LoopResources loops = LoopResources.create("stub-cloud-api", 2, true);
    private final DisposableServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> callsPerRecipient = new ConcurrentHashMap<>();
    private volatile boolean recordBodies = true;

    public StubCloudApi() {
        // its own event loops, like a remote server: the client's loops do not serve the stub
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .handle((request, response) -> request.receive().aggregate().asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(raw -> answer(request, response, raw)))
                .bindNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public void recordBodies(boolean record) {
        this.recordBodies = record;
    }

    /** The next answers for this recipient (E.164 digits without '+', as sent in "to"); afterwards success. */
    public void script(String toDigits, Answer... answers) {
        scripted.computeIfAbsent(toDigits, k -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    }

    public static Answer error(int httpStatus, int code, String message) {
        return new Answer(httpStatus, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\","
                + "\"code\":" + code + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + message
                + "\"},\"fbtrace_id\":\"AbCdEf\"}}", 0);
    }

    public static Answer slow(long delayMillis) {
        return new Answer(200, null, delayMillis);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public int callsTo(String toDigits) {
        AtomicInteger count = callsPerRecipient.get(toDigits);
        return count == null ? 0 : count.get();
    }

    public int totalCalls() {
        return callsPerRecipient.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response, byte[] raw) {
        JsonNode body = JSON.readTree(raw);
        String to = body.path("to").asString("");
        callsPerRecipient.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
        if (recordBodies) {
            calls.add(new Call(request.fullPath(), request.requestHeaders().get("Authorization"), body));
        }
        Queue<Answer> queue = scripted.get(to);
        Answer answer = queue == null ? null : queue.poll();
        int status = answer == null ? 200 : answer.status();
        String text = answer == null || answer.body() == null
                ? "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\"" + to
                + "\"}],\"messages\":[{\"id\":\"wamid." + UUID.randomUUID() + "\"}]}"
                : answer.body();
        Mono<Void> send = response.status(status).header("Content-Type", "application/json")
                .sendString(Mono.just(text)).then()
                .onErrorResume(error -> Mono.empty()); // the client gave up (timeout tests)
        return answer != null && answer.delayMillis() > 0
                ? Mono.delay(Duration.ofMillis(answer.delayMillis())).then(send) : send;
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.disposeLater().block(Duration.ofSeconds(10));
    }
}
