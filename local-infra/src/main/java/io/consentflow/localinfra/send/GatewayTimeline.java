package io.consentflow.localinfra.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads one request's timeline from messaging-gateway's staff API with a bearer token. */
final class GatewayTimeline {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one look at the timeline found. */
    sealed interface Lookup permits Found, NotYet, Refused {
    }

    /** The request is in the message log. */
    record Found(Timeline timeline) implements Lookup {
    }

    /** Nothing to show yet, for a reason that may pass: not consumed yet, gateway starting or busy. */
    record NotYet(String why) implements Lookup {
    }

    /** The gateway will not answer this tool however long it waits (token refused, id refused). */
    record Refused(String why) implements Lookup {
    }

    private final HttpClient client;
    private final URI base;
    private final String token;

    GatewayTimeline(URI base, String token) {
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.base = base;
        this.token = token;
    }

    Lookup lookup(String requestId) {
        // the gateway accepts [A-Za-z0-9._:-] only, and this tool's UUIDs need no escaping
        URI uri = URI.create(base.toString().replaceFirst("/+$", "") + "/api/v1/messages/" + requestId);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new NotYet("gateway not reachable at " + base + " (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Refused("interrupted");
        }
    }

    static Lookup answer(int status, String body) {
        if (status == 200) {
            try {
                return new Found(JSON.readValue(body, Timeline.class));
            } catch (JsonProcessingException e) {
                return new Refused("the gateway's answer is not a message timeline: " + e.getOriginalMessage());
            }
        }
        return switch (status) {
            // the claim is written when the gateway consumes the request: until then there is nothing to find
            case 404 -> new NotYet("not in the gateway's message log yet");
            case 401, 403 -> new Refused("the gateway refused the DPO token (HTTP " + status
                    + "): does CONSENTFLOW_JWT_SECRET match the gateway's?");
            case 400 -> new Refused("the gateway refused the request id (HTTP 400)");
            default -> new NotYet("gateway answered HTTP " + status);
        };
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
