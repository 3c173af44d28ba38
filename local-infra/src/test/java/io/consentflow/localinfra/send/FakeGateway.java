package io.consentflow.localinfra.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * messaging-gateway's staff timeline endpoint as a real HTTP server on 127.0.0.1: it checks the bearer token the way
 * the platform does (HS256 signature, issuer, audience, expiry, a role that may read timelines) and answers each
 * request id with a scripted sequence of replies, the last one repeating. The JSON is written by hand in the shape
 * of the gateway's MessageTimelineController.Timeline, so a change on either side shows up here instead of
 * cancelling out.
 */
final class FakeGateway implements AutoCloseable {

    static final String PATH = "/api/v1/messages/";
    private static final List<String> TIMELINE_READERS = List.of("SUPPORT", "DPO", "MARKETING", "ADMIN");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, String body) {
    }

    private final HttpServer server;
    private final String secret;
    private final Function<String, List<Reply>> script;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    private FakeGateway(HttpServer server, String secret, Function<String, List<Reply>> script) {
        this.server = server;
        this.secret = secret;
        this.script = script;
    }

    /** @param script the replies for a request id, in order; the last one answers every later call */
    static FakeGateway start(String secret, Function<String, List<Reply>> script) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeGateway gateway = new FakeGateway(server, secret, script);
        server.createContext(PATH, gateway::handle);
        server.start();
        return gateway;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int callsFor(String requestId) {
        AtomicInteger count = calls.get(requestId);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = exchange.getRequestURI().getPath().substring(PATH.length());
            int call = calls.computeIfAbsent(requestId, id -> new AtomicInteger()).getAndIncrement();
            Reply reply = authorised(exchange.getRequestHeaders().getFirst("Authorization"))
                    ? pick(script.apply(requestId), call) : new Reply(401, "");
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Reply pick(List<Reply> replies, int call) {
        return replies.get(Math.min(call, replies.size() - 1));
    }

    private boolean authorised(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = header.substring(7).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        byte[] expected = StaffToken.hmacSha256(secret, parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
            return false;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return StaffToken.LOCAL_ISSUER.equals(claims.path("iss").asText())
                    && StaffToken.LOCAL_AUDIENCE.equals(claims.path("aud").asText())
                    && claims.path("exp").asLong() > Instant.now().getEpochSecond()
                    && TIMELINE_READERS.contains(claims.path("roles").path(0).asText());
        } catch (IOException e) {
            return false;
        }
    }

    static Reply notFound() {
        return new Reply(404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"no such request\"}");
    }

    /** @param entries "KIND@2026-05-01T10:15:02.120Z" or "KIND@instant@detail" */
    static Reply timeline(String requestId, String state, String wamid, String... entries) {
        StringBuilder items = new StringBuilder();
        for (String entry : entries) {
            String[] parts = entry.split("@", 3);
            items.append(items.isEmpty() ? "" : ",").append(String.format(
                    "{\"at\":\"%s\",\"kind\":\"%s\",\"detail\":%s}", parts[1], parts[0],
                    parts.length > 2 ? "\"" + parts[2] + "\"" : "null"));
        }
        return new Reply(200, String.format("{\"requestId\":\"%s\",\"subjectId\":null,\"category\":\"MARKETING\","
                        + "\"purpose\":\"offers\",\"template\":\"new_collection\",\"campaignId\":\"run-local-cli\","
                        + "\"state\":\"%s\",\"wamid\":%s,\"timeline\":[%s]}", requestId, state,
                wamid == null ? "null" : "\"" + wamid + "\"", items));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
