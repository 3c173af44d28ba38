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
    /** name|language -> registered template, as message_templates lists it; see {@link #DEFAULT_TEMPLATES}. */
    private final Map<String, Template> templates = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final AtomicInteger templateReads = new AtomicInteger();

    /** A template of the business account: category and status as Meta registered them. */
    public record Template(String name, String language, String category, String status) {
    }

    /** What the tests send: "offer" and "event_invite" are MARKETING, "optin_confirm" and "order_update" UTILITY. */
    public static final List<Template> DEFAULT_TEMPLATES = List.of(new Template("offer", "de", "MARKETING", "APPROVED"),
            new Template("event_invite", "de", "MARKETING", "APPROVED"),
            new Template("optin_confirm", "de", "UTILITY", "APPROVED"),
            new Template("order_update", "de", "UTILITY", "APPROVED"));

    public StubCloudApi() {
        // its own event loops, like a remote server: the client's loops do not serve the stub
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .handle((request, response) -> request.receive().aggregate().asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(raw -> answer(request, response, raw)))
                .bindNow();
        resetTemplates();
    }

    /** Registers or changes a template (as Meta's review would); the gateway sees it at its next refresh. */
    public void template(String name, String language, String category, String status) {
        templates.put(name + "|" + language, new Template(name, language, category, status));
    }

    public void resetTemplates() {
        templates.clear();
        DEFAULT_TEMPLATES.forEach(t -> template(t.name(), t.language(), t.category(), t.status()));
    }

    /** How often message_templates was read (each page counts). */
    public int templateReads() {
        return templateReads.get();
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
        if (request.method().name().equals("GET") && request.path().endsWith("/message_templates")) {
            return templates(request, response);
        }
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

    /**
     * Pages of two, so the gateway's paging is exercised; the cursor is the index of the next template. The WABA
     * id and token are those of the tests' configuration.
     */
    private Mono<Void> templates(HttpServerRequest request, HttpServerResponse response) {
        templateReads.incrementAndGet();
        if (!request.path().equals("v23.0/100000000000002/message_templates")
                || !"Bearer local-access-token".equals(request.requestHeaders().get("Authorization"))) {
            return response.status(400).header("Content-Type", "application/json")
                    .sendString(Mono.just("{\"error\":{\"message\":\"wrong path or token\",\"code\":100}}")).then();
        }
        var query = new io.netty.handler.codec.http.QueryStringDecoder(request.uri()).parameters();
        int from = query.containsKey("after") ? Integer.parseInt(query.get("after").get(0)) : 0;
        List<Template> all = List.copyOf(templates.values());
        List<Template> page = all.subList(Math.min(from, all.size()), Math.min(from + 2, all.size()));
        Map<String, Object> paging = new java.util.LinkedHashMap<>();
        paging.put("cursors", Map.of("before", String.valueOf(from), "after", String.valueOf(from + page.size())));
        if (from + page.size() < all.size()) {
            paging.put("next", baseUrl() + request.path() + "?after=" + (from + page.size()));
        }
        String text = JSON.writeValueAsString(Map.of("data", page.stream().map(t -> Map.of("id", "1" + t.hashCode(),
                "name", t.name(), "language", t.language(), "category", t.category(), "status", t.status()))
                .toList(), "paging", paging));
        return response.status(200).header("Content-Type", "application/json").sendString(Mono.just(text)).then();
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.disposeLater().block(Duration.ofSeconds(10));
    }
}
