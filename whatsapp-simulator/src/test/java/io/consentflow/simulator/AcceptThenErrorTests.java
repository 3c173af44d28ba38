package io.consentflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The send's biz_opaque_callback_data comes back in every status of the message, as Meta documents it; the fault
 * "accept, then 5xx" delivers the message (chat, statuses, delivery log) and still answers HTTP 500; the delivery log
 * lists what reached the phones and when the receiver acknowledged a user's action.
 */
class AcceptThenErrorTests extends SimulatorTestSupport {

    @AfterEach
    void clearFaults() {
        delete("/sim/v1/faults");
    }

    private static Map<String, Object> withCallbackData(Map<String, Object> body, String data) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put("biz_opaque_callback_data", data);
        return copy;
    }

    @Test
    void everyStatusEchoesTheCallbackDataOfItsSend() {
        String number = freshNumber();
        Response response = cloudApi("messages", withCallbackData(
                CloudApiSendTests.template(number, "order_update", "de", List.of("1", "x")), "request-17"));
        assertThat(response.status()).isEqualTo(200);
        String wamid = response.json().path("messages").get(0).path("id").asString();

        List<JsonNode> statuses = awaitStatuses(wamid, 3);
        assertThat(statuses).extracting(s -> s.path("biz_opaque_callback_data").asString())
                .containsOnly("request-17");
        statuses.forEach(status -> SpecSchemas.assertValid("Statuses", status));
    }

    @Test
    void acceptThenErrorDeliversTheMessageAndAnswers500() {
        post("/sim/v1/faults", Map.of("acceptThenErrorRate", 1.0));
        String number = freshNumber();
        long before = System.currentTimeMillis();
        Response response = cloudApi("messages", withCallbackData(
                CloudApiSendTests.template(number, "order_update", "de", List.of("1", "x")), "request-18"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().path("error").path("code").asInt()).isEqualTo(131000);
        JsonNode chat = get("/sim/v1/phones/" + number + "/messages").json();
        assertThat(chat).hasSize(1);
        String wamid = chat.get(0).path("wamid").asString();
        assertThat(awaitStatuses(wamid, 2)).extracting(s -> s.path("biz_opaque_callback_data").asString())
                .containsOnly("request-18");

        JsonNode log = get("/sim/v1/delivery-log?from=0&limit=50000").json();
        JsonNode delivered = null;
        for (JsonNode entry : log.path("delivered")) {
            if (wamid.equals(entry.path("wamid").asString())) {
                delivered = entry;
            }
        }
        assertThat(delivered).isNotNull();
        assertThat(delivered.path("waId").asString()).isEqualTo(number);
        assertThat(delivered.path("callbackData").asString()).isEqualTo("request-18");
        assertThat(delivered.path("receivedAtMillis").asLong()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void anInjected5xxBeforeAcceptanceDeliversNothing() {
        post("/sim/v1/faults", Map.of("errorRate", 1.0, "errorCode", 131000));
        String number = freshNumber();
        createPhone(number, true, false);
        assertThat(cloudApi("messages", CloudApiSendTests.template(number, "order_update", "de",
                List.of("1", "x"))).status()).isEqualTo(500);
        delete("/sim/v1/faults");
        // positive control: the next send to the same phone is delivered, and it is the chat's only message
        assertThat(cloudApi("messages", CloudApiSendTests.template(number, "order_update", "de",
                List.of("2", "y"))).status()).isEqualTo(200);
        assertThat(get("/sim/v1/phones/" + number + "/messages").json()).hasSize(1);
    }

    @Test
    void theReceiversAcknowledgementOfAUserMessageIsLogged() {
        String number = freshNumber();
        createPhone(number, true, false);
        long before = System.currentTimeMillis();
        String wamid = post("/sim/v1/phones/" + number + "/messages", Map.of("text", "STOP")).json()
                .path("wamid").asString();
        RECEIVER.await(wamid, 1, java.time.Duration.ofSeconds(20));
        JsonNode acknowledged = null;
        for (int i = 0; i < 100 && acknowledged == null; i++) {
            for (JsonNode entry : get("/sim/v1/delivery-log?from=0&limit=50000").json().path("acknowledged")) {
                if (wamid.equals(entry.path("reference").asString())) {
                    acknowledged = entry;
                }
            }
            if (acknowledged == null) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        assertThat(acknowledged).isNotNull();
        assertThat(acknowledged.path("kind").asString()).isEqualTo("inbound-text");
        assertThat(acknowledged.path("acknowledgedAtMillis").asLong()).isGreaterThanOrEqualTo(before);
    }
}
