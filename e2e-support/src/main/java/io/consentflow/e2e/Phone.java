package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A simulated WhatsApp phone, driven through the simulator's control API (docs/architecture.md#whatsapp-simulator). */
final class Phone {

    private final String simulatorUrl;
    private final String digits;

    private Phone(String simulatorUrl, String digits) {
        this.simulatorUrl = simulatorUrl;
        this.digits = digits;
    }

    /** A fresh German mobile number on WhatsApp, unique to this test run. */
    static Phone create(Suite suite) {
        // the journeys share one simulator and create thousands of random numbers: draw again on a collision
        for (int attempt = 0; attempt < 5; attempt++) {
            String digits = randomGermanMobile();
            var response = Http.postJson(suite.simulator.baseUrl() + "/sim/v1/phones",
                    Map.of("number", digits, "onWhatsApp", true, "marketingStopped", false), null);
            if (response.status() != 409) {
                assertThat(response.status()).as("create phone: %s", response.body()).isIn(200, 201);
                return new Phone(suite.simulator.baseUrl(), digits);
            }
        }
        throw new AssertionError("five random numbers in a row already existed in the simulator");
    }

    static Phone create(Suite suite, String digits, boolean onWhatsApp, boolean marketingStopped) {
        var response = Http.postJson(suite.simulator.baseUrl() + "/sim/v1/phones",
                Map.of("number", digits, "onWhatsApp", onWhatsApp, "marketingStopped", marketingStopped), null);
        assertThat(response.status()).as("create phone: %s", response.body()).isIn(200, 201);
        return new Phone(suite.simulator.baseUrl(), digits);
    }

    static String randomGermanMobile() {
        return "49151" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    String e164() {
        return "+" + digits;
    }

    String digits() {
        return digits;
    }

    List<JsonNode> chat() {
        var response = Http.get(simulatorUrl + "/sim/v1/phones/" + digits + "/messages", null);
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> messages = new ArrayList<>();
        response.json().forEach(messages::add);
        return messages;
    }

    List<JsonNode> outbound() {
        return chat().stream().filter(message -> "out".equals(message.path("direction").asString())).toList();
    }

    JsonNode awaitOutbound(Predicate<JsonNode> matching, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var found = outbound().stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            ServiceProcess.sleep(200);
        }
        throw new AssertionError("no matching message reached " + digits + " within " + timeout + "; chat: " + chat());
    }

    /** Waits until at least {@code count} messages went out to this phone. */
    void awaitOutboundCount(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (outbound().size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " outbound messages on " + digits + "; chat: " + chat());
            }
            ServiceProcess.sleep(200);
        }
    }

    long outboundTemplates(String templateName) {
        return outbound().stream().filter(m -> templateName.equals(m.path("template").path("name").asString()))
                .count();
    }

    void sendText(String text) {
        var response = Http.postJson(simulatorUrl + "/sim/v1/phones/" + digits + "/messages", Map.of("text", text),
                null);
        assertThat(response.status()).as(response.body()).isIn(200, 201, 202);
    }

    void tap(String buttonPayload) {
        var response = Http.postJson(simulatorUrl + "/sim/v1/phones/" + digits + "/messages",
                Map.of("buttonPayload", buttonPayload), null);
        assertThat(response.status()).as(response.body()).isIn(200, 201, 202);
    }

    void setMarketingPreference(String value) {
        var response = Http.postJson(simulatorUrl + "/sim/v1/phones/" + digits + "/marketing-preference",
                Map.of("value", value), null);
        assertThat(response.status()).as(response.body()).isIn(200, 201, 202, 204);
    }
}
