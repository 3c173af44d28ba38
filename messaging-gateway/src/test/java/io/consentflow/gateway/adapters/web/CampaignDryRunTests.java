package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageSent;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.FrequencyLedger;
import io.consentflow.gateway.domain.Gate;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 26 item 2: the dry run judges a campaign by the same gate and consent view as the send, counts the batch's
 * own effect on the frequency cap, stores and publishes nothing, and the real send that follows ends exactly as
 * predicted (every terminal event on message-events, counted by outcome and reason).
 */
@GatewayTest
class CampaignDryRunTests {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    WebTestClient web;
    @Autowired
    ConsentTable consents;
    @Autowired
    FrequencyLedger ledger;
    @Autowired
    Gate gate;

    @Test
    void theDryRunPredictsTheSendExactlyAndLeavesNoTrace() {
        String campaign = "dry-" + UUID.randomUUID().toString().substring(0, 8);
        String nearCap = stand(ConsentStatus.CONFIRMED, List.of("offers"), false);
        // two sends left under the cap: the batch's third request to this contact meets FREQUENCY_CAP
        for (int i = 0; i < gate.policy().frequencyCapMax() - 2; i++) {
            ledger.record(Fixtures.KEYS.of(nearCap), Instant.now());
        }
        List<String> numbers = List.of(stand(ConsentStatus.CONFIRMED, List.of("offers"), false),
                stand(ConsentStatus.CONFIRMED, List.of("offers"), false), randomNumber(),
                stand(ConsentStatus.CONFIRMED, List.of("support"), false),
                stand(ConsentStatus.STOPPED, List.of(), false),
                stand(ConsentStatus.PENDING, List.of(), false), stand(ConsentStatus.CONFIRMED, List.of("offers"), true),
                nearCap, nearCap, nearCap);
        List<Object> batch = new ArrayList<>();
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            requestIds.add(campaign + "-" + i);
            batch.add(item(requestIds.get(i), numbers.get(i), "offer"));
        }

        Map<String, Object> prediction = post("/api/v1/campaigns/" + campaign + "/dry-run", batch).expectStatus()
                .isOk().expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();

        assertThat(prediction).containsEntry("requested", 10).containsEntry("wouldSend", 4)
                .containsEntry("alreadyAccepted", 0);
        assertThat(prediction.get("refused")).isEqualTo(Map.of("NO_CONSENT", 2, "PURPOSE_NOT_GRANTED", 1,
                "STOPPED", 1, "MARKETING_STOPPED_AT_META", 1, "FREQUENCY_CAP", 1));
        assertThat(STUB.calls()).noneMatch(call -> numbers.contains("+" + call.to()));

        post("/api/v1/campaigns/" + campaign + "/send-requests", batch).expectStatus().isAccepted().expectBody()
                .jsonPath("$.accepted").isEqualTo(10); // the dry run claimed nothing

        Set<String> pending = new java.util.HashSet<>(requestIds);
        Map<String, Integer> refused = new TreeMap<>();
        int[] sent = {0};
        kafka.awaitRecords(Topics.MESSAGE_EVENTS.name(), record -> {
            if (record.value() instanceof MessageSent event && pending.remove(event.getRequestId())) {
                sent[0]++;
                return true;
            }
            if (record.value() instanceof MessageBlocked event && pending.remove(event.getRequestId())) {
                refused.merge(event.getReason().name(), 1, Integer::sum);
                return true;
            }
            return false;
        }, 10, WAIT);
        assertThat(sent[0]).isEqualTo(prediction.get("wouldSend"));
        assertThat(refused).isEqualTo(prediction.get("refused"));
    }

    @Test
    void templateProblemsAreCountedNotRefusedAndTheDryRunValidatesLikeTheSend() {
        STUB.template("offer_dry_paused", "de", "MARKETING", "PAUSED");
        web.post().uri("/api/v1/templates/refresh").headers(h -> h.setBearerAuth(StaffTokens.forRole("ADMIN")))
                .exchange().expectStatus().isOk();
        String number = stand(ConsentStatus.CONFIRMED, List.of("offers"), false);
        List<Object> batch = List.of(item("dry-t-" + UUID.randomUUID(), number, "offer_dry_paused"),
                item("dry-t-" + UUID.randomUUID(), number, "no_such_template"),
                item("dry-t-" + UUID.randomUUID(), number, "offer"));

        post("/api/v1/campaigns/dry-templates/dry-run", batch).expectStatus().isOk().expectBody()
                .jsonPath("$.wouldSend").isEqualTo(1)
                .jsonPath("$.refused.TEMPLATE_NOT_APPROVED").isEqualTo(1)
                .jsonPath("$.refused.TEMPLATE_UNKNOWN").isEqualTo(1);

        Map<String, Object> invalid = new HashMap<>(item("dry-t-" + UUID.randomUUID(), "0151 1234567", "offer"));
        post("/api/v1/campaigns/dry-templates/dry-run", List.of(item("dry-t-" + UUID.randomUUID(), number, "offer"),
                invalid)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("items[1].to");
        web.post().uri("/api/v1/campaigns/dry-templates/dry-run")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("MARKETING"))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch).exchange().expectStatus().isForbidden();
    }

    @Test
    void aBatchFarLargerThanTheBodyLimitIsReadItemByItemAndAnItemOverItIsRefused() {
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            batch.add(item("dry-big-" + UUID.randomUUID(), randomNumber(), "offer"));
        }
        // ~150 KB in all, over the 64 KB that bounds a request body a codec aggregates: the batch is streamed
        post("/api/v1/campaigns/dry-big/dry-run", batch).expectStatus().isOk().expectBody()
                .jsonPath("$.requested").isEqualTo(1_000)
                .jsonPath("$.refused.NO_CONSENT").isEqualTo(1_000);

        // the decoder counts the bytes an item has buffered before it completes, so an item is refused somewhat
        // above 64 KB (the last network buffer that completes it is not counted); Spring's 256 KB let this through
        Map<String, Object> oversized = item("dry-big-" + UUID.randomUUID(), randomNumber(), "o".repeat(200_000));
        post("/api/v1/campaigns/dry-big/dry-run", List.of(oversized)).expectStatus().isEqualTo(413).expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("body")
                .jsonPath("$.instance").isEqualTo("/api/v1/campaigns/%7BcampaignId%7D/dry-run");
    }

    private static Map<String, Object> item(String requestId, String number, String template) {
        return Map.of("requestId", requestId, "to", number, "purpose", "offers",
                "template", Map.of("name", template, "language", "de"));
    }

    private WebTestClient.ResponseSpec post(String path, Object body) {
        return web.post().uri(path).headers(h -> h.setBearerAuth(StaffTokens.forRole("CAMPAIGN")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private String stand(ConsentStatus status, List<String> purposes, boolean marketingStoppedAtMeta) {
        String number = randomNumber();
        ConsentSnapshot state = ConsentSnapshot.newBuilder(snapshot(number, UUID.randomUUID().toString(), status,
                purposes)).setMarketingStoppedAtMeta(marketingStoppedAtMeta).build();
        kafka.publish(Topics.CONSENT_STATE.name(), Fixtures.KEYS.of(number), state);
        await().atMost(WAIT).until(() -> consents.get(Fixtures.KEYS.of(number)) != null);
        return number;
    }
}
