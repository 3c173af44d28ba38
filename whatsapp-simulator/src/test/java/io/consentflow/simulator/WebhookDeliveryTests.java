package io.consentflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Webhooks: signed over the exact raw body, retried with back-off on non-200, bounded, never blocking a send. */
class WebhookDeliveryTests extends SimulatorTestSupport {

    @Test
    void everyWebhookCarriesAnHmacOfItsRawBodyAndMatchesTheSpec() {
        String number = freshNumber();
        createPhone(number, true, false);
        post("/sim/v1/phones/" + number + "/messages", Map.of("text", "Hallo äöü 👋"));
        List<WebhookReceiver.Received> received = RECEIVER.await(number, 1, Duration.ofSeconds(10));
        WebhookReceiver.Received hook = received.get(0);
        assertThat(hook.contentType()).startsWith("application/json");
        assertThat(hook.signature()).isEqualTo(expectedSignature(hook.body()));
        JsonNode value = verifiedWebhook(hook).path("entry").get(0).path("changes").get(0).path("value");
        assertThat(value.path("metadata").path("phone_number_id").asString()).isEqualTo(PHONE_NUMBER_ID);
        assertThat(value.path("messages").get(0).path("text").path("body").asString()).isEqualTo("Hallo äöü 👋");
    }

    @Test
    void nonOkAnswersAreRetriedWithBackOffUntilAccepted() {
        String number = freshNumber();
        RECEIVER.failNext(number, 2);
        createPhone(number, true, false);
        String wamid = post("/sim/v1/phones/" + number + "/messages", Map.of("text", "retry me")).json()
                .path("wamid").asString();

        List<WebhookReceiver.Received> attempts = RECEIVER.await(wamid, 3, Duration.ofSeconds(10));
        assertThat(attempts).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(WebhookReceiver.Received::text).containsOnly(attempts.get(0).text());
        // Exponential back-off: the second gap is not shorter than the first.
        long first = Duration.between(attempts.get(0).at(), attempts.get(1).at()).toMillis();
        long second = Duration.between(attempts.get(1).at(), attempts.get(2).at()).toMillis();
        assertThat(first).isGreaterThanOrEqualTo(25);
        assertThat(second).isGreaterThanOrEqualTo(first / 2);
        assertThat(deliveryReferences(wamid)).contains(wamid);
    }

    /**
     * The simulator records a delivery once it has read the 200, a moment after the receiver answered it (CI saw the
     * history without it): polls the history for up to 5 s.
     */
    private List<String> deliveryReferences(String wamid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> references = get("/sim/v1/webhooks").json().findValuesAsString("reference");
        while (!references.contains(wamid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            references = get("/sim/v1/webhooks").json().findValuesAsString("reference");
        }
        return references;
    }

    @Test
    void deliveryGivesUpAfterTheConfiguredAttempts() throws InterruptedException {
        String number = freshNumber();
        RECEIVER.failNext(number, 100);
        createPhone(number, true, false);
        String wamid = post("/sim/v1/phones/" + number + "/messages", Map.of("text", "lost")).json()
                .path("wamid").asString();
        RECEIVER.await(wamid, 5, Duration.ofSeconds(10));
        Thread.sleep(600);
        assertThat(RECEIVER.matching(r -> r.text().contains(wamid))).hasSize(5);
        JsonNode history = get("/sim/v1/webhooks").json();
        JsonNode entry = null;
        for (JsonNode h : history) {
            if (wamid.equals(h.path("reference").asString())) {
                entry = h;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("delivered").asBoolean()).isFalse();
        assertThat(entry.path("attempts").asInt()).isEqualTo(5);
        RECEIVER.failNext("", 0);
    }

    @Test
    void aSlowReceiverNeverDelaysTheApi() {
        RECEIVER.stall(Duration.ofSeconds(3));
        String number = freshNumber();
        long start = System.nanoTime();
        Response response = cloudApi("messages",
                CloudApiSendTests.template(number, "order_update", "en", List.of("7", "shipped")));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.status()).isEqualTo(200);
        assertThat(tookMillis).isLessThan(1500);
        assertThat(get("/sim/v1/phones/" + number + "/messages").json().get(0).path("status").asString())
                .isIn("accepted", "sent", "delivered", "read");
        RECEIVER.stall(Duration.ZERO);
    }

    @Test
    void statusesCarryPricingAndArriveInOrder() {
        String number = freshNumber();
        String wamid = cloudApi("marketing_messages",
                CloudApiSendTests.template(number, "new_collection", "de", List.of("Winter"))).json()
                .path("messages").get(0).path("id").asString();
        List<JsonNode> statuses = awaitStatuses(wamid, 3);
        assertThat(statuses).extracting(status -> status.path("status").asString())
                .containsExactly("sent", "delivered", "read");
        JsonNode sent = statuses.get(0);
        assertThat(sent.path("status").asString()).isEqualTo("sent");
        assertThat(sent.path("recipient_id").asString()).isEqualTo(number);
        assertThat(sent.path("pricing").path("category").asString()).isEqualTo("marketing");
    }
}
