package io.consentflow.simulator;

import static io.consentflow.simulator.CloudApiSendTests.assertError;
import static io.consentflow.simulator.CloudApiSendTests.template;
import static io.consentflow.simulator.CloudApiSendTests.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A second configuration: recipient errors answered synchronously, a tiny throughput, the pair rate limit on
 * and no auto-created phones.
 */
@TestPropertySource(properties = {
        "simulator.error-delivery=sync",
        "simulator.throughput-per-second=5",
        "simulator.pair-rate-limit.enabled=true",
        "simulator.pair-rate-limit.burst=2",
        "simulator.pair-rate-limit.interval=6s",
        "simulator.auto-create-phones=false",
        "simulator.auto-read=false"})
class SyncErrorsAndLimitsTests extends SimulatorTestSupport {

    @Test
    void recipientErrorsAreHttp400InSyncMode() throws InterruptedException {
        awaitFreshSecond();
        assertError(cloudApi("messages", template(freshNumber(), "hello_world", "en_US", List.of())), 400, 131026);
        String stopped = freshNumber();
        createPhone(stopped, true, true);
        assertError(cloudApi("messages", template(stopped, "new_collection", "de", List.of("x"))), 400, 131050);
        assertError(cloudApi("messages", text(stopped, "free text")), 400, 131047);
    }

    @Test
    void throughputAboveTheLimitIs130429() throws InterruptedException {
        List<String> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            numbers.add(freshNumber());
            createPhone(numbers.get(i), true, false);
        }
        awaitFreshSecond();
        int accepted = 0;
        int limited = 0;
        for (String number : numbers) {
            Response response = cloudApi("messages", template(number, "hello_world", "en_US", List.of()));
            if (response.status() == 200) {
                accepted++;
            } else {
                assertError(response, 400, 130429);
                limited++;
            }
        }
        assertThat(accepted).isBetween(1, 5);
        assertThat(limited).isGreaterThanOrEqualTo(3);
        // the number's received rate counts what the sender asked for, refused calls included
        int received = 0;
        for (JsonNode second : get("/sim/v1/send-rate?seconds=5").json()) {
            received += second.path("received").asInt();
        }
        assertThat(received).isEqualTo(accepted + limited);
        post("/sim/v1/reset", null);
        assertThat(get("/sim/v1/send-rate?seconds=5").json().size()).as("reset forgets the counts").isZero();
        assertThat(get("/sim/v1/send-rate?seconds=0").status()).isEqualTo(400);
    }

    @Test
    void pairRateBeyondTheBurstIs131056() throws InterruptedException {
        awaitFreshSecond();
        String number = freshNumber();
        createPhone(number, true, false);
        assertThat(cloudApi("messages", template(number, "hello_world", "en_US", List.of())).status()).isEqualTo(200);
        assertThat(cloudApi("messages", template(number, "hello_world", "en_US", List.of())).status()).isEqualTo(200);
        assertError(cloudApi("messages", template(number, "hello_world", "en_US", List.of())), 400, 131056);
    }

    @Test
    void withoutAutoReadMessagesStayDeliveredUntilTheChatIsOpened() throws InterruptedException {
        awaitFreshSecond();
        String number = freshNumber();
        createPhone(number, true, false);
        String wamid = cloudApi("messages", template(number, "hello_world", "en_US", List.of())).json()
                .path("messages").get(0).path("id").asString();
        awaitStatuses(wamid, 2);
        Thread.sleep(100);
        assertThat(get("/sim/v1/phones/" + number + "/messages").json().get(0).path("status").asString())
                .isEqualTo("delivered");
        assertThat(post("/sim/v1/phones/" + number + "/read", null).status()).isEqualTo(204);
        assertThat(awaitStatuses(wamid, 3)).extracting(status -> status.path("status").asString())
                .containsExactly("sent", "delivered", "read");
    }

    /** Starts the test at the beginning of a second so the per-second throughput window is predictable. */
    private static void awaitFreshSecond() throws InterruptedException {
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 5);
    }
}
