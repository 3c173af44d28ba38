package io.consentflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.simulator.webhook.WebhookDispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * What the user does travels in its own webhook lane. The client timeout is longer than the test, so a status
 * connection the receiver holds is never freed by a timeout: a customer's message can only arrive if it does not
 * need one.
 */
// one status per payload, so the statuses really take every connection of their lane, as unbatched webhooks would
@TestPropertySource(properties = {"simulator.webhook.timeout=60s", "simulator.webhook.batch-max=1"})
class WebhookLaneTests extends SimulatorTestSupport {

    @Autowired
    WebhookDispatcher dispatcher;

    /**
     * Each lane answers on an event loop of its own: on the loops the Cloud API server shares, a STOP's webhook waited
     * behind the send requests those loops were busy with (the end-to-end benchmark's STOP median fell from about
     * 200 ms to about 50 ms at 1,000 sends/s offered when the lanes got their own).
     */
    @Test
    void eachLaneRunsOnAnEventLoopOfItsOwn() {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);
        String statusThread = dispatcher.deliverRaw(WebhookDispatcher.STATUS, "lane-test", body)
                .map(delivered -> delivered + " " + Thread.currentThread().getName()).block(Duration.ofSeconds(10));
        String userThread = dispatcher.deliverRaw("inbound-text", "lane-test", body)
                .map(delivered -> delivered + " " + Thread.currentThread().getName()).block(Duration.ofSeconds(10));

        assertThat(statusThread).startsWith("true simulator-webhooks-statuses-");
        assertThat(userThread).startsWith("true simulator-webhooks-user-actions-");
    }

    @Test
    void aFloodOfStatusesDoesNotHoldBackWhatThePhoneSends() {
        String customer = freshNumber();
        createPhone(customer, true, false);
        // every status connection is taken by a delivery the receiver does not answer yet, and more wait behind
        // (statuses of one phone go out in order, so the campaign goes to many phones)
        List<String> campaignPhones = IntStream.range(0, 80).mapToObj(i -> freshNumber()).toList();
        campaignPhones.forEach(number -> createPhone(number, true, false));
        RECEIVER.hold("\"statuses\"");
        try {
            for (String number : campaignPhones) {
                assertThat(cloudApi("messages", CloudApiSendTests.template("+" + number, "new_collection", "en",
                        List.of("Autumn"))).status()).isEqualTo(200);
            }
            String wamid = post("/sim/v1/phones/" + customer + "/messages", Map.of("text", "STOP")).json()
                    .path("wamid").asString();

            RECEIVER.await(wamid, 1, Duration.ofSeconds(10));
            assertThat(RECEIVER.matching(r -> r.text().contains("\"statuses\"")))
                    .as("no status was answered: the customer's message did not wait for them").isEmpty();
        } finally {
            RECEIVER.release();
        }
        campaignPhones.forEach(number -> RECEIVER.await(number, 1, Duration.ofSeconds(30)));
    }
}
