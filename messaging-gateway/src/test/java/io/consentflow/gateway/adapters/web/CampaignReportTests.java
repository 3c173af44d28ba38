package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.ConsentStatus;
import io.consentflow.events.DeliveryStatus;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageSent;
import io.consentflow.events.MessageStatusChanged;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.WebhookSignature;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.gateway.support.StubCloudApi;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 26 item 3: a campaign sent through the REST API, then Meta's statuses and a STOP, and the report (JSON and
 * CSV) counts exactly what happened to each recipient; it names no number, contactKey or requestId.
 */
@GatewayTest
class CampaignReportTests {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    WebTestClient web;
    @Autowired
    ConsentTable consents;

    @Test
    void theReportCountsOutcomesStatusesAndStopsAfterTheCampaign() {
        String campaign = "report-" + UUID.randomUUID().toString().substring(0, 8);
        String reader = consented();
        String undeliverable = consented();
        String stranger = randomNumber();
        String stopper = consented();
        STUB.script(digits(undeliverable), StubCloudApi.error(400, 131026, "Message undeliverable"));
        List<String> numbers = List.of(reader, undeliverable, stranger, stopper);
        List<Object> batch = numbers.stream().map(number -> (Object) Map.of("requestId", campaign + "-"
                + digits(number), "to", number, "purpose", "offers", "template", Map.of("name", "offer",
                "language", "de"))).toList();
        web.post().uri("/api/v1/campaigns/" + campaign + "/send-requests")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("CAMPAIGN"))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch).exchange().expectStatus().isAccepted();

        MessageSent read = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                e -> e.getRequestId().equals(campaign + "-" + digits(reader)), WAIT);
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                e -> e.getRequestId().equals(campaign + "-" + digits(stopper)), WAIT);
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageFailed.class,
                e -> (campaign + "-" + digits(undeliverable)).equals(e.getRequestId()), WAIT);
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageBlocked.class,
                e -> e.getRequestId().equals(campaign + "-" + digits(stranger)), WAIT);
        webhook(WebhookTests.status(read.getWamid(), "delivered", null));
        webhook(WebhookTests.status(read.getWamid(), "read", null));
        kafka.publish(Topics.CONSENT_STATE.name(), Fixtures.KEYS.of(stopper),
                snapshot(stopper, UUID.randomUUID().toString(), ConsentStatus.STOPPED, List.of()));

        await().atMost(WAIT).untilAsserted(() -> report(campaign, "MARKETING").expectStatus().isOk().expectBody()
                .jsonPath("$.requested").isEqualTo(4)
                .jsonPath("$.sent").isEqualTo(2)
                .jsonPath("$.delivered").isEqualTo(1)
                .jsonPath("$.read").isEqualTo(1)
                .jsonPath("$.pending").isEqualTo(0)
                .jsonPath("$.failedByErrorCode").isEqualTo(Map.of("131026", 1))
                .jsonPath("$.blockedByReason").isEqualTo(Map.of("NO_CONSENT", 1))
                .jsonPath("$.stopsWithin48h").isEqualTo(1));

        String csv = web.get().uri("/api/v1/campaigns/" + campaign + "/report.csv")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("CAMPAIGN"))).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv.lines().toList()).startsWith("measure,key,count", "requested,,4", "pending,,0", "sent,,2",
                "delivered,,1", "read,,1", "ambiguous,,0").contains("blocked,NO_CONSENT,1", "failed,131026,1",
                "stops_within_48h,,1");
        for (String number : numbers) {
            assertThat(csv).doesNotContain(digits(number)).doesNotContain(Fixtures.KEYS.of(number));
        }
        report(campaign, "SUPPORT").expectStatus().isOk();
        report(campaign, "AUDITOR").expectStatus().isForbidden(); // a role the suite does not know grants nothing
        report("no-such-campaign", "CAMPAIGN").expectStatus().isOk().expectBody().jsonPath("$.requested")
                .isEqualTo(0);
    }

    /**
     * The simulator reports {@code delivered} milliseconds after a send, often before the gateway stored the call's
     * outcome: the status names its request by the echoed requestId, which counts only for a request whose call this
     * gateway recorded, and with the wamid its outcome holds, if any.
     */
    @Test
    void aStatusThatOvertakesItsOutcomeCountsByTheEchoedRequestIdAndAForeignEchoCountsNowhere() {
        String campaign = "overtaken-" + UUID.randomUUID().toString().substring(0, 8);
        String number = consented();
        String stranger = randomNumber();
        String requestId = campaign + "-1";
        String blockedId = campaign + "-2";
        String wamid = "wamid." + UUID.randomUUID();
        STUB.script(digits(number), acceptedLate(number, wamid));
        List<Object> batch = List.of(Map.of("requestId", requestId, "to", number, "purpose", "offers", "template",
                Map.of("name", "offer", "language", "de")), Map.of("requestId", blockedId, "to", stranger,
                "purpose", "offers", "template", Map.of("name", "offer", "language", "de")));
        web.post().uri("/api/v1/campaigns/" + campaign + "/send-requests")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("CAMPAIGN"))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch).exchange().expectStatus().isAccepted();
        await().atMost(WAIT).until(() -> STUB.callsTo(digits(number)) == 1);
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageBlocked.class, e -> blockedId.equals(e.getRequestId()), WAIT);

        webhook(WebhookTests.statusEchoing(wamid, "sent", requestId));
        webhook(WebhookTests.statusEchoing(wamid, "delivered", requestId));
        // echoes that name a request of this gateway but cannot be its message: another wamid than the one its
        // outcome holds, and a request that was blocked (never called)
        String otherWamid = "wamid." + UUID.randomUUID();
        String blockedWamid = "wamid." + UUID.randomUUID();
        MessageSent sent = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                e -> requestId.equals(e.getRequestId()), WAIT);
        webhook(WebhookTests.statusEchoing(otherWamid, "read", requestId));
        webhook(WebhookTests.statusEchoing(blockedWamid, "delivered", blockedId));

        assertThat(sent.getWamid()).isEqualTo(wamid);
        MessageStatusChanged delivered = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageStatusChanged.class,
                e -> wamid.equals(e.getWamid()) && e.getStatus() == DeliveryStatus.DELIVERED, WAIT);
        assertThat(delivered.getRequestId()).isEqualTo(requestId);
        for (String foreign : List.of(otherWamid, blockedWamid)) {
            assertThat(kafka.await(Topics.MESSAGE_EVENTS.name(), MessageStatusChanged.class,
                    e -> foreign.equals(e.getWamid()), WAIT).getRequestId()).as(foreign).isNull();
        }
        await().atMost(WAIT).untilAsserted(() -> report(campaign, "MARKETING").expectStatus().isOk().expectBody()
                .jsonPath("$.requested").isEqualTo(2)
                .jsonPath("$.sent").isEqualTo(1)
                .jsonPath("$.delivered").isEqualTo(1)
                .jsonPath("$.read").isEqualTo(0)
                .jsonPath("$.blockedByReason").isEqualTo(Map.of("NO_CONSENT", 1)));
    }

    /**
     * Several statuses in one delivery, each before its request's outcome: one read of their requests settles each,
     * and a second wamid echoing a request this delivery has just settled counts nowhere (it is read again).
     */
    @Test
    void oneDeliveryOfOvertakingStatusesSettlesEachRequestAndASecondWamidForOneOfThemCountsNowhere() {
        String campaign = "overtaken-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> numbers = List.of(consented(), consented());
        List<String> ids = List.of(campaign + "-1", campaign + "-2");
        List<String> wamids = List.of("wamid." + UUID.randomUUID(), "wamid." + UUID.randomUUID());
        String impostor = "wamid." + UUID.randomUUID();
        List<Object> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            STUB.script(digits(numbers.get(i)), acceptedLate(numbers.get(i), wamids.get(i)));
            batch.add(Map.of("requestId", ids.get(i), "to", numbers.get(i), "purpose", "offers", "template",
                    Map.of("name", "offer", "language", "de")));
        }
        web.post().uri("/api/v1/campaigns/" + campaign + "/send-requests")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("CAMPAIGN"))).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(batch).exchange().expectStatus().isAccepted();
        await().atMost(WAIT).until(() -> numbers.stream().allMatch(n -> STUB.callsTo(digits(n)) == 1));

        webhook(WebhookTests.statuses(wamids.get(0) + " sent " + ids.get(0), wamids.get(1) + " sent " + ids.get(1),
                impostor + " delivered " + ids.get(0)));

        for (int i = 0; i < 2; i++) {
            String requestId = ids.get(i);
            assertThat(kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                    e -> requestId.equals(e.getRequestId()), WAIT).getWamid()).isEqualTo(wamids.get(i));
        }
        assertThat(kafka.await(Topics.MESSAGE_EVENTS.name(), MessageStatusChanged.class,
                e -> impostor.equals(e.getWamid()), WAIT).getRequestId()).isNull();
        await().atMost(WAIT).untilAsserted(() -> report(campaign, "MARKETING").expectStatus().isOk().expectBody()
                .jsonPath("$.sent").isEqualTo(2)
                .jsonPath("$.delivered").isEqualTo(0));
    }

    /** Meta accepts at once, but its answer reaches the gateway a second later, after the statuses. */
    private static StubCloudApi.Answer acceptedLate(String number, String wamid) {
        return new StubCloudApi.Answer(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\""
                + digits(number) + "\",\"wa_id\":\"" + digits(number) + "\"}],\"messages\":[{\"id\":\"" + wamid
                + "\"}]}", 1_000);
    }

    private WebTestClient.ResponseSpec report(String campaign, String role) {
        return web.get().uri("/api/v1/campaigns/" + campaign + "/report")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole(role))).exchange();
    }

    private void webhook(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        web.post().uri("/webhooks/whatsapp").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", WebhookSignature.sign(WebhookTests.SECRET, bytes)).bodyValue(bytes)
                .exchange().expectStatus().isOk();
    }

    private String consented() {
        return Fixtures.consentedToOffers(kafka, consents, WAIT);
    }
}
