package io.consentflow.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the simulator on a random port with its webhooks pointed at a real HTTP receiver, and talks to it over real
 * HTTP with the JDK client. All test classes using the defaults share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "simulator.webhook.max-attempts=5",
        "simulator.webhook.initial-backoff=50ms",
        "simulator.webhook.max-backoff=200ms",
        "simulator.webhook.timeout=2s"})
public abstract class SimulatorTestSupport {

    protected static final String TOKEN = "local-access-token";
    protected static final String APP_SECRET = "local-app-secret";
    protected static final String PHONE_NUMBER_ID = "100000000000001";
    protected static final WebhookReceiver RECEIVER = new WebhookReceiver();
    private static final AtomicLong NUMBERS = new AtomicLong(4915100000000L + (System.nanoTime() % 1000) * 10000);

    protected final JsonMapper json = JsonMapper.builder().build();
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void webhookUrl(DynamicPropertyRegistry registry) {
        registry.add("simulator.webhook-url", RECEIVER::url);
    }

    @BeforeEach
    void cleanSlate() {
        RECEIVER.reset();
        post("/sim/v1/reset", null);
    }

    /** A number no other test uses, so webhooks can be told apart. */
    protected static String freshNumber() {
        return Long.toString(NUMBERS.incrementAndGet());
    }

    protected Response post(String path, Object body) {
        return send("POST", path, body, null);
    }

    protected Response get(String path) {
        return send("GET", path, null, null);
    }

    protected Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    protected Response cloudApi(String endpoint, Object body) {
        return send("POST", "/v23.0/" + PHONE_NUMBER_ID + "/" + endpoint, body, "Bearer " + TOKEN);
    }

    protected Response send(String method, String path, Object body, String authorization) {
        try {
            String payload = body == null ? "" : body instanceof String s ? s : json.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(payload));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), json);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    protected void createPhone(String number, boolean onWhatsApp, boolean marketingStopped) {
        Response created = post("/sim/v1/phones", java.util.Map.of("number", number, "onWhatsApp", onWhatsApp,
                "marketingStopped", marketingStopped));
        if (created.status() != 201) {
            throw new AssertionError("phone not created: " + created);
        }
    }

    /** Computed here with javax.crypto, independently of the simulator's signer. */
    protected static String expectedSignature(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts signature and spec conformance of a received webhook and returns its JSON. */
    protected JsonNode verifiedWebhook(WebhookReceiver.Received received) {
        if (!expectedSignature(received.body()).equals(received.signature())) {
            throw new AssertionError("bad signature " + received.signature() + " for " + received.text());
        }
        JsonNode payload = json.readTree(received.body());
        SpecSchemas.assertValid("WebhookPayload", payload);
        return payload;
    }

    /**
     * The status updates of one message in the order they arrived, read from every webhook the receiver accepted
     * (a batched webhook carries the statuses of several messages); each such webhook is checked for signature and
     * spec conformance.
     */
    protected List<JsonNode> awaitStatuses(String wamid, int count) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            List<WebhookReceiver.Received> hooks = RECEIVER.matching(r -> r.answered() == 200
                    && r.text().contains(wamid));
            List<JsonNode> statuses = new ArrayList<>();
            for (WebhookReceiver.Received hook : hooks) {
                statuses.addAll(statusesOf(json.readTree(hook.body()), wamid));
            }
            if (statuses.size() >= count) {
                hooks.forEach(this::verifiedWebhook);
                return statuses;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " statuses of " + wamid + " but got " + statuses);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The statuses of one message in a webhook payload, in array order ({@code wamid} null: all of them). */
    protected static List<JsonNode> statusesOf(JsonNode payload, String wamid) {
        List<JsonNode> statuses = new ArrayList<>();
        for (JsonNode entry : payload.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                for (JsonNode status : change.path("value").path("statuses")) {
                    if (wamid == null || wamid.equals(status.path("id").asString())) {
                        statuses.add(status);
                    }
                }
            }
        }
        return statuses;
    }

    public record Response(int status, String contentType, String body, JsonMapper mapper) {
        public JsonNode json() {
            return mapper.readTree(body);
        }
    }
}
