package io.consentflow.simulator;

import static io.consentflow.simulator.CloudApiSendTests.assertError;
import static io.consentflow.simulator.CloudApiSendTests.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The /sim/v1 control API of docs/architecture.md#whatsapp-simulator: phones, chats, problem+json errors, faults and
 * reset.
 */
class ControlApiTests extends SimulatorTestSupport {

    @AfterEach
    void clearFaults() {
        delete("/sim/v1/faults");
    }

    @Test
    void phonesAreCreatedListedAndDuplicatesRefused() {
        String number = freshNumber();
        Response created = post("/sim/v1/phones", Map.of("number", number, "onWhatsApp", true,
                "marketingStopped", false));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("number").asString()).isEqualTo(number);
        assertThat(created.json().path("onWhatsApp").asBoolean()).isTrue();

        assertThat(get("/sim/v1/phones").json().findValuesAsString("number")).contains(number);

        Response duplicate = post("/sim/v1/phones", Map.of("number", number));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
    }

    @Test
    void badInputIsAProblemWithAFieldReason() {
        Response bad = post("/sim/v1/phones", Map.of("number", "+49 151"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        JsonNode problem = bad.json();
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("number");
        assertThat(problem.path("errors").get(0).path("reason").asString()).contains("E.164");

        Response badPreference = post("/sim/v1/phones/" + freshNumber() + "/marketing-preference",
                Map.of("value", "maybe"));
        assertThat(badPreference.status()).isEqualTo(400);
        assertThat(badPreference.json().path("errors").get(0).path("field").asString()).isEqualTo("value");

        Response unknown = get("/sim/v1/phones/" + freshNumber() + "/messages");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        String number = freshNumber();
        createPhone(number, true, false);
        Response noButton = post("/sim/v1/phones/" + number + "/messages", Map.of("buttonPayload", "nope"));
        assertThat(noButton.status()).isEqualTo(404);
        assertThat(noButton.json().path("errors").get(0).path("field").asString()).isEqualTo("buttonPayload");
        assertThat(post("/sim/v1/phones/" + number + "/messages", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aPhoneNotOnWhatsAppCannotSend() {
        String number = freshNumber();
        createPhone(number, false, false);
        assertThat(post("/sim/v1/phones/" + number + "/messages", Map.of("text", "hi")).status()).isEqualTo(409);
    }

    @Test
    void chatListsOldestFirstWithDirectionAndStatus() {
        String number = freshNumber();
        createPhone(number, true, false);
        post("/sim/v1/phones/" + number + "/messages", Map.of("text", "erste"));
        cloudApi("messages", CloudApiSendTests.text(number, "zweite"));
        JsonNode chat = get("/sim/v1/phones/" + number + "/messages").json();
        assertThat(chat.findValuesAsString("direction")).containsExactly("in", "out");
        assertThat(chat.findValuesAsString("text")).containsExactly("erste", "zweite");
        assertThat(chat.get(0).path("status").asString()).isEqualTo("received");
        assertThat(chat.get(0).path("at").asString()).isNotBlank();
    }

    @Test
    void resetForgetsPhones() {
        String number = freshNumber();
        createPhone(number, true, false);
        assertThat(post("/sim/v1/reset", null).status()).isEqualTo(204);
        assertThat(get("/sim/v1/phones").json().size()).isZero();
    }

    @Test
    void errorRateFaultAnswersWithTheInjectedError() {
        Response set = post("/sim/v1/faults", Map.of("errorRate", 1.0));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("errorRate").asDouble()).isEqualTo(1.0);
        assertError(cloudApi("messages", template(freshNumber(), "hello_world", "en_US", List.of())), 500, 131000);

        post("/sim/v1/faults", Map.of("errorRate", 1.0, "errorCode", 131016));
        assertError(cloudApi("messages", template(freshNumber(), "hello_world", "en_US", List.of())), 503, 131016);

        assertThat(delete("/sim/v1/faults").status()).isEqualTo(204);
        assertThat(cloudApi("messages", template(freshNumber(), "hello_world", "en_US", List.of())).status())
                .isEqualTo(200);
    }

    @Test
    void rateLimitStormAnswers130429UntilCleared() {
        post("/sim/v1/faults", Map.of("rateLimitStorm", true));
        for (int i = 0; i < 3; i++) {
            assertError(cloudApi("messages", template(freshNumber(), "hello_world", "en_US", List.of())), 400,
                    130429);
        }
        delete("/sim/v1/faults");
        assertThat(cloudApi("messages", template(freshNumber(), "hello_world", "en_US", List.of())).status())
                .isEqualTo(200);
    }

    @Test
    void latencyFaultDelaysResponses() {
        post("/sim/v1/faults", Map.of("latencyMs", 400));
        long start = System.nanoTime();
        Response response = cloudApi("messages", template(freshNumber(), "hello_world", "en_US", List.of()));
        assertThat(response.status()).isEqualTo(200);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(400);
    }

    @Test
    void webhookFailureFaultDeliversNothing() throws InterruptedException {
        post("/sim/v1/faults", Map.of("webhookFailure", true));
        String number = freshNumber();
        String wamid = cloudApi("messages", template(number, "hello_world", "en_US", List.of())).json()
                .path("messages").get(0).path("id").asString();
        Thread.sleep(300);
        assertThat(RECEIVER.matching(r -> r.text().contains(wamid))).isEmpty();
        // The phone still got the message: only the notification to the business is lost.
        assertThat(get("/sim/v1/phones/" + number + "/messages").json().get(0).path("status").asString())
                .isEqualTo("read");
    }

    @Test
    void duplicateWebhooksFaultDeliversEachWebhookTwice() {
        post("/sim/v1/faults", Map.of("duplicateWebhooks", true));
        String number = freshNumber();
        createPhone(number, true, false);
        String wamid = post("/sim/v1/phones/" + number + "/messages", Map.of("text", "twice")).json()
                .path("wamid").asString();
        List<WebhookReceiver.Received> both = RECEIVER.await(wamid, 2, Duration.ofSeconds(5));
        assertThat(both.get(0).text()).isEqualTo(both.get(1).text());
    }

    @Test
    void templatesAreListed() {
        assertThat(get("/sim/v1/templates").json().findValuesAsString("name"))
                .contains("optin_confirmation", "stop_confirmation", "new_collection", "order_update");
    }
}
