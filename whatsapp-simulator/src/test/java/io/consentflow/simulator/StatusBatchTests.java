package io.consentflow.simulator;

import static io.consentflow.simulator.CloudApiSendTests.template;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Status webhooks are batched as Meta batches them: the statuses that become due within the window share one signed
 * payload (at most batch-max), one message's statuses in order; user actions never wait for a batch. A long window
 * makes the grouping deterministic: every send of a test happens well inside it.
 */
@TestPropertySource(properties = {
        "simulator.webhook.batch-window=400ms",
        "simulator.webhook.batch-max=5",
        "simulator.auto-read=false"})
class StatusBatchTests extends SimulatorTestSupport {

    @Test
    void oneWebhookCarriesSeveralMessagesStatusesInOrderIncludingFailures() {
        String a = freshNumber();
        String b = freshNumber();
        String stopped = freshNumber();
        createPhone(stopped, true, true);
        String wamidA = send(a);
        String wamidB = send(b);
        String failed = cloudApi("marketing_messages", template(stopped, "new_collection", "en", List.of("x")))
                .json().path("messages").get(0).path("id").asString();

        WebhookReceiver.Received batch = RECEIVER.await(wamidA, 1, Duration.ofSeconds(10)).get(0);
        JsonNode payload = verifiedWebhook(batch); // the multi-status payload matches Meta's WebhookPayload schema
        assertThat(statusesOf(payload, null))
                .extracting(s -> s.path("id").asString() + " " + s.path("status").asString())
                .containsExactly(wamidA + " sent", wamidB + " sent", failed + " failed", wamidA + " delivered",
                        wamidB + " delivered");
        assertThat(statusesOf(payload, failed).get(0).path("errors").get(0).path("code").asInt()).isEqualTo(131050);
        assertThat(RECEIVER.matching(r -> r.text().contains("\"statuses\"") && r.text().contains(wamidB)))
                .as("B's statuses travel only in the shared webhook").hasSize(1);
    }

    @Test
    void theWindowIsWaitedForAndTheMaximumIsHonoured() {
        List<String> numbers = IntStream.range(0, 6).mapToObj(i -> freshNumber()).toList();
        Instant firstSend = Instant.now();
        List<String> wamids = numbers.stream().map(this::send).toList();

        wamids.forEach(wamid -> awaitStatuses(wamid, 2));
        List<WebhookReceiver.Received> hooks = RECEIVER.matching(r -> wamids.stream().anyMatch(r.text()::contains));
        hooks.forEach(this::verifiedWebhook);
        assertThat(hooks).extracting(hook -> statusesOf(json.readTree(hook.body()), null).size())
                .as("6 sents + 6 delivereds: 5 in the first payload, then whatever does not wait for it")
                .containsExactlyInAnyOrder(5, 2, 5);
        // nothing goes out before the window of the first due status has passed
        assertThat(Duration.between(firstSend, hooks.get(0).at())).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        wamids.forEach(wamid -> assertThat(awaitStatuses(wamid, 2)).extracting(s -> s.path("status").asString())
                .containsExactly("sent", "delivered"));
    }

    @Test
    void aFailedBatchIsRetriedAsAWholeAndLaterStatusesWaitForIt() {
        String a = freshNumber();
        String b = freshNumber();
        String c = freshNumber();
        String wamidA = send(a);
        String wamidB = send(b);
        String wamidC = send(c);
        RECEIVER.failNext(wamidC, 2);

        // [A sent, B sent, C sent, A delivered, B delivered] is full; C delivered must wait for that payload
        List<JsonNode> statusesOfC = awaitStatuses(wamidC, 2);
        assertThat(statusesOfC).extracting(s -> s.path("status").asString()).containsExactly("sent", "delivered");
        List<WebhookReceiver.Received> first = RECEIVER.matching(r -> r.text().contains(wamidA));
        assertThat(first).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200);
        assertThat(first).extracting(WebhookReceiver.Received::text).containsOnly(first.get(0).text());
        assertThat(first).allSatisfy(hook -> assertThat(hook.signature()).isEqualTo(expectedSignature(hook.body())));
        assertThat(first.get(0).text()).contains(wamidB, wamidC);
        List<WebhookReceiver.Received> all = RECEIVER.all();
        List<WebhookReceiver.Received> withC = RECEIVER.matching(r -> r.text().contains(wamidC));
        WebhookReceiver.Received lastOfC = withC.get(withC.size() - 1);
        assertThat(statusesOf(json.readTree(lastOfC.body()), wamidC).get(0).path("status").asString())
                .isEqualTo("delivered");
        assertThat(all.indexOf(lastOfC)).as("C delivered only after the retried payload was accepted")
                .isGreaterThan(all.indexOf(first.get(2)));
    }

    @Test
    void userActionsDoNotWaitBehindAnOpenBatch() {
        String campaign = freshNumber();
        String customer = freshNumber();
        createPhone(customer, true, false);
        String status = send(campaign);
        String stop = post("/sim/v1/phones/" + customer + "/messages", Map.of("text", "STOP")).json()
                .path("wamid").asString();

        WebhookReceiver.Received inbound = RECEIVER.await(stop, 1, Duration.ofSeconds(10)).get(0);
        assertThat(RECEIVER.matching(r -> r.text().contains(status)))
                .as("the STOP went out at once, while the statuses sent before it still wait for their window")
                .isEmpty();
        assertThat(statusesOf(verifiedWebhook(inbound), null)).as("a user action is never batched").isEmpty();
        assertThat(awaitStatuses(status, 2)).hasSize(2);
    }

    private String send(String number) {
        Response response = cloudApi("messages", template(number, "order_update", "en", List.of("7", "shipped")));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("messages").get(0).path("id").asString();
    }
}
