package io.consentflow.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for Meta's Cloud API over real HTTP (JDK HttpServer): answers like Meta (success body with contacts and a
 * wamid; error bodies {@code {"error":{"message","type","code","error_data","fbtrace_id"}}}), with scripted answers
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

    static {
        // the JDK server closes keep-alive connections beyond 200 idle ones, which a pooled client sees as resets
        System.setProperty("sun.net.httpserver.maxIdleConnections", "4000");
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> callsPerRecipient = new ConcurrentHashMap<>();
    private volatile boolean recordBodies = true;

    public StubCloudApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = JSON.readTree(raw);
            String to = body.path("to").asString("");
            callsPerRecipient.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
            if (recordBodies) {
                calls.add(new Call(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body));
            }
            Queue<Answer> queue = scripted.get(to);
            Answer answer = queue == null ? null : queue.poll();
            if (answer != null && answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            int status = answer == null ? 200 : answer.status();
            String response = answer == null || answer.body() == null
                    ? "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\"" + to
                    + "\"}],\"messages\":[{\"id\":\"wamid." + UUID.randomUUID() + "\"}]}"
                    : answer.body();
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout tests)
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
