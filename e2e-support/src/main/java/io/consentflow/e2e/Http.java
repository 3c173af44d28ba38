package io.consentflow.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP with JSON, as any client of the suite would use it. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static final String REASON_HEADER = "X-Staff-Reason";
    static final String JOURNEY_REASON = "e2e journey";

    private Http() {
    }

    static Response get(String url, String bearerToken) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET()
                .header("Accept", "application/json");
        if (bearerToken != null) {
            // staff accountability: consent-service refuses an action without a reason and audits every call's
            request.header("Authorization", "Bearer " + bearerToken).header(REASON_HEADER, JOURNEY_REASON);
        }
        return send(request.build());
    }

    static Response postJson(String url, Object body, String bearerToken) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                        : JSON.writeValueAsString(body)));
        if (bearerToken != null) {
            // staff accountability: consent-service refuses an action without a reason and audits every call's
            request.header("Authorization", "Bearer " + bearerToken).header(REASON_HEADER, JOURNEY_REASON);
        }
        return send(request.build());
    }

    static Response patchJson(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    static Response delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).DELETE().build());
    }

    static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
