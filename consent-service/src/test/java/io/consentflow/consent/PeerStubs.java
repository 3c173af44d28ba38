package io.consentflow.consent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real HTTP stand-ins for messaging-gateway, retention-service and audit-service (one JDK server, one port, routed by
 * path), started once per JVM and wired into every test context by {@link PeerStubsContextCustomizerFactory}. Tests
 * share the server, so behaviour and recorded calls are per subjectId. Every request without a bearer token is 401.
 */
public final class PeerStubs {

    public enum Peer { GATEWAY, RETENTION, AUDIT, ERASURE, AUDIT_CHAIN }

    /** OK answers JSON; DOWN drops the connection; SLOW answers after the client's timeout; DENIED answers 403. */
    public enum Behaviour { OK, DOWN, SLOW, DENIED }

    /** One request the stub received. */
    public record Call(Peer peer, String method, String subjectId, String authorization, String staffReason,
            Map<String, String> query) {
    }

    private static final Pattern SUBJECT_IN_BODY = Pattern.compile("\"subjectId\"\\s*:\\s*\"([^\"]+)\"");
    private static final PeerStubs INSTANCE = start();

    private final HttpServer server;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Integer> auditEntries = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> evidenceChains = new ConcurrentHashMap<>();
    private volatile String auditKeys = "{\"keys\":[]}";

    private PeerStubs(HttpServer server) {
        this.server = server;
    }

    public static PeerStubs get() {
        return INSTANCE;
    }

    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public void behave(String subjectId, Peer peer, Behaviour behaviour) {
        behaviours.put(peer + "/" + subjectId, behaviour);
    }

    public void auditEntries(String subjectId, int count) {
        auditEntries.put(subjectId, count);
    }

    /** What {@code GET /api/v1/audit/subjects/{subjectId}/evidence-chain} answers for the subject (else 404). */
    public void evidenceChain(String subjectId, String json) {
        evidenceChains.put(subjectId, json);
    }

    /** What {@code GET /api/v1/audit/checkpoints/key} answers. */
    public void auditKeys(String json) {
        auditKeys = json;
    }

    public List<Call> calls(String subjectId) {
        return calls.stream().filter(c -> subjectId.equals(c.subjectId())).toList();
    }

    private static PeerStubs start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "peer-stub");
                thread.setDaemon(true);
                return thread;
            }));
            PeerStubs stubs = new PeerStubs(server);
            server.createContext("/api/v1/messages", e -> stubs.handle(e, Peer.GATEWAY));
            server.createContext("/api/v1/retention/deadlines", e -> stubs.handle(e, Peer.RETENTION));
            server.createContext("/api/v1/retention/erasures", e -> stubs.handle(e, Peer.ERASURE));
            server.createContext("/api/v1/audit/entries", e -> stubs.handle(e, Peer.AUDIT));
            server.createContext("/api/v1/audit/subjects/", e -> stubs.handle(e, Peer.AUDIT_CHAIN));
            server.createContext("/api/v1/audit/checkpoints/key", e -> {
                try (e) {
                    respond(e, 200, stubs.auditKeys);
                }
            });
            server.start();
            return stubs;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the peer stubs", e);
        }
    }

    private void handle(HttpExchange exchange, Peer peer) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String subjectId = query.get("subjectId");
            if (peer == Peer.AUDIT_CHAIN) {
                subjectId = exchange.getRequestURI().getPath().split("/")[5];
            }
            if (peer == Peer.ERASURE) {
                Matcher m = SUBJECT_IN_BODY.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                subjectId = m.find() ? m.group(1) : null;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            calls.add(new Call(peer, exchange.getRequestMethod(), subjectId, authorization,
                    exchange.getRequestHeaders().getFirst("X-Staff-Reason"), query));
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
                return;
            }
            switch (behaviours.getOrDefault(peer + "/" + subjectId, Behaviour.OK)) {
                case DOWN -> throw new IllegalStateException("peer down: the server drops the connection");
                case SLOW -> pause(12_000);
                case DENIED -> {
                    respond(exchange, 403, "{\"title\":\"Forbidden\"}");
                    return;
                }
                case OK -> { }
            }
            if (peer == Peer.AUDIT_CHAIN) {
                String chain = evidenceChains.get(subjectId);
                respond(exchange, chain == null ? 404 : 200, chain == null ? "{\"title\":\"Not Found\"}" : chain);
                return;
            }
            respond(exchange, peer == Peer.ERASURE ? 202 : 200, body(peer, subjectId, query));
        }
    }

    private String body(Peer peer, String subjectId, Map<String, String> query) {
        return switch (peer) {
            case GATEWAY -> "{\"subjectId\":\"" + subjectId + "\",\"messages\":[{\"requestId\":\"req-1\","
                    + "\"category\":\"MARKETING\",\"status\":\"DELIVERED\"}]}";
            case RETENTION -> "{\"subjectId\":\"" + subjectId + "\",\"deadlines\":[{\"kind\":\"CONSENT_PROOF\","
                    + "\"status\":\"SCHEDULED\"}],\"erasures\":[]}";
            case ERASURE -> "{\"erasureId\":\"" + UUID.nameUUIDFromBytes(("erasure-" + subjectId).getBytes())
                    + "\",\"subjectId\":\"" + subjectId + "\",\"status\":\"REQUESTED\"}";
            case AUDIT_CHAIN -> throw new IllegalStateException("answered in handle");
            case AUDIT -> auditPage(subjectId, Integer.parseInt(query.getOrDefault("page", "0")),
                    Integer.parseInt(query.getOrDefault("size", "50")));
        };
    }

    private String auditPage(String subjectId, int page, int size) {
        int total = auditEntries.getOrDefault(subjectId, 2);
        StringBuilder entries = new StringBuilder();
        for (int i = page * size; i < Math.min(total, (page + 1) * size); i++) {
            entries.append(entries.isEmpty() ? "" : ",").append("{\"sequence\":").append(i)
                    .append(",\"subjectId\":\"").append(subjectId).append("\",\"type\":\"OptInRequested\"}");
        }
        return "{\"page\":" + page + ",\"size\":" + size + ",\"total\":" + total + ",\"entries\":[" + entries + "]}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new ConcurrentHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Set<String> propertyNames() {
        return Set.of("consentflow.consent.peers.gateway-url", "consentflow.consent.peers.retention-url",
                "consentflow.consent.peers.audit-url");
    }
}
