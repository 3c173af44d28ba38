package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.BlockReason;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import io.consentflow.testsupport.StaffTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The REST send API (issue 26 item 1) against the running gateway, a real broker and MongoDB: only role CAMPAIGN may
 * send; a valid request is published on send-requests (the gateway's own listener then sends it, or blocks it),
 * a repeated requestId answers like the first and is not published again, and one bad item refuses the whole batch
 * with its field and index while nothing of the batch is published.
 */
@GatewayTest
class CampaignSendApiTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    WebTestClient web;
    @Autowired
    ConsentTable consents;

    @Test
    void oneRequestIsPublishedSentAndARepeatAnswersTheSameWithoutPublishingAgain() {
        String number = consented();
        String requestId = "api-" + UUID.randomUUID();

        String first = post("/api/v1/send-requests", item(requestId, number), "CAMPAIGN").expectStatus().isAccepted()
                .expectHeader().location("/api/v1/messages/" + requestId)
                .expectBody(String.class).returnResult().getResponseBody();
        MessageSent sent = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                event -> requestId.equals(event.getRequestId()), WAIT);
        String repeat = post("/api/v1/send-requests", item(requestId, number), "CAMPAIGN").expectStatus()
                .isAccepted().expectBody(String.class).returnResult().getResponseBody();

        assertThat(repeat).isEqualTo(first).contains(requestId);
        assertThat(sent.getCampaignId()).isEqualTo("api-campaign");
        // a later request to the same number lands after a repeat would have, on the same partition
        String control = "api-control-" + UUID.randomUUID();
        post("/api/v1/send-requests", item(control, number), "CAMPAIGN").expectStatus().isAccepted();
        kafka.await(Topics.SEND_REQUESTS.name(), SendRequest.class, r -> control.equals(r.getRequestId()), WAIT);
        assertThat(publishedTo(number)).containsExactly(requestId, control);
        // the recipient pacer spaces the two messages to one person by seconds
        await().atMost(WAIT).untilAsserted(() -> assertThat(STUB.callsTo(digits(number))).isEqualTo(2));
    }

    @Test
    void onlyTheCampaignRoleMaySend() {
        String number = consented();
        for (String role : List.of("MARKETING", "ADMIN", "SUPPORT", "DPO")) {
            post("/api/v1/send-requests", item("api-" + UUID.randomUUID(), number), role).expectStatus()
                    .isForbidden();
            post("/api/v1/campaigns/c1/send-requests", List.of(item("api-" + UUID.randomUUID(), number)), role)
                    .expectStatus().isForbidden();
        }
        web.post().uri("/api/v1/send-requests").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item("api-x", number)).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aBatchWithOneBadItemIsRefusedNamingFieldAndIndexAndNothingIsPublished() {
        String number = consented();
        String good = "api-good-" + UUID.randomUUID();
        Map<String, Object> badNumber = new java.util.HashMap<>(item("api-" + UUID.randomUUID(), "+49 151 1234"));
        Map<String, Object> withSubject = new java.util.HashMap<>(item("api-" + UUID.randomUUID(), number));
        withSubject.put("subjectId", UUID.randomUUID().toString());
        Map<String, Object> unknownPurpose = new java.util.HashMap<>(item("api-" + UUID.randomUUID(), number));
        unknownPurpose.put("purpose", "lottery");
        Map<String, Object> consentTemplate = new java.util.HashMap<>(item("api-" + UUID.randomUUID(), number));
        consentTemplate.put("template", Map.of("name", "optin_confirm", "language", "de"));
        Map<String, Object> unknownTemplate = new java.util.HashMap<>(item("api-" + UUID.randomUUID(), number));
        unknownTemplate.put("template", Map.of("name", "no_such_template", "language", "de"));
        List<Object> batch = List.of(item(good, number), badNumber, withSubject, unknownPurpose, consentTemplate,
                unknownTemplate, item(good, number));

        post("/api/v1/campaigns/spring-sale/send-requests", batch, "CAMPAIGN").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'items[1].to')]").exists()
                .jsonPath("$.errors[?(@.field == 'items[2].subjectId')]").exists()
                .jsonPath("$.errors[?(@.field == 'items[3].purpose')]").exists()
                .jsonPath("$.errors[?(@.field == 'items[4].template.name')]").exists()
                .jsonPath("$.errors[?(@.field == 'items[5].template')]").exists()
                .jsonPath("$.errors[?(@.field == 'items[6].requestId')]").exists()
                .jsonPath("$.errors[?(@.field == 'items[0].to')]").doesNotExist()
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).doesNotContain("151"));

        String control = "api-control-" + UUID.randomUUID();
        post("/api/v1/campaigns/spring-sale/send-requests", List.of(item(control, number)), "CAMPAIGN")
                .expectStatus().isAccepted().expectBody().jsonPath("$.accepted").isEqualTo(1);
        kafka.await(Topics.SEND_REQUESTS.name(), SendRequest.class, r -> control.equals(r.getRequestId()), WAIT);
        assertThat(publishedTo(number)).containsExactly(control);
    }

    @Test
    void aBatchOverItsByteBoundIsRefusedWith413AndNothingOfItIsPublished() {
        String number = consented();
        String parameter = "p".repeat(4_000); // each item ~4 KB, under the 64 KB an item may carry
        List<Object> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 9_000; i++) { // under the 10,000 items, over the 32 MB a batch may carry
            batch.add(Map.of("requestId", "api-huge-" + i + "-" + UUID.randomUUID(), "to", number, "purpose", "offers",
                    "template", Map.of("name", "offer", "language", "de", "components", List.of(Map.of("type",
                            "body", "parameters", List.of(Map.of("type", "text", "value", parameter)))))));
        }

        post("/api/v1/campaigns/huge-batch/send-requests", batch, "CAMPAIGN").expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");

        String control = "api-control-" + UUID.randomUUID();
        post("/api/v1/campaigns/huge-batch/send-requests", List.of(item(control, number)), "CAMPAIGN")
                .expectStatus().isAccepted();
        kafka.await(Topics.SEND_REQUESTS.name(), SendRequest.class, r -> control.equals(r.getRequestId()), WAIT);
        assertThat(publishedTo(number)).containsExactly(control);
    }

    @Test
    void aBatchReachesTheConsentedAndIsBlockedForTheOthers() {
        List<String> consentedNumbers = List.of(consented(), consented(), consented());
        List<String> strangers = List.of(randomNumber(), randomNumber());
        String campaign = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        List<Object> batch = new ArrayList<>();
        List<String> all = new ArrayList<>(consentedNumbers);
        all.addAll(strangers);
        all.forEach(number -> batch.add(item(campaign + "-" + digits(number), number)));

        post("/api/v1/campaigns/" + campaign + "/send-requests", batch, "CAMPAIGN").expectStatus().isAccepted()
                .expectBody().jsonPath("$.accepted").isEqualTo(5).jsonPath("$.alreadyAccepted").isEqualTo(0);
        post("/api/v1/campaigns/" + campaign + "/send-requests", batch, "CAMPAIGN").expectStatus().isAccepted()
                .expectBody().jsonPath("$.accepted").isEqualTo(0).jsonPath("$.alreadyAccepted").isEqualTo(5);

        for (String number : consentedNumbers) {
            String requestId = campaign + "-" + digits(number);
            kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class, e -> requestId.equals(e.getRequestId()),
                    WAIT);
            assertThat(STUB.callsTo(digits(number))).isEqualTo(1);
        }
        for (String number : strangers) {
            String requestId = campaign + "-" + digits(number);
            MessageBlocked blocked = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageBlocked.class,
                    e -> requestId.equals(e.getRequestId()), WAIT);
            assertThat(blocked.getReason()).isEqualTo(BlockReason.NO_CONSENT);
            assertThat(blocked.getCampaignId()).isEqualTo(campaign);
            assertThat(STUB.callsTo(digits(number))).isZero();
        }
    }

    private static Map<String, Object> item(String requestId, String number) {
        return Map.of("requestId", requestId, "to", number, "purpose", "offers", "campaignId", "api-campaign",
                "template", Map.of("name", "offer", "language", "de"));
    }

    private WebTestClient.ResponseSpec post(String path, Object body, String role) {
        Object sent = body;
        if (path.startsWith("/api/v1/campaigns/") && body instanceof List<?> items) {
            sent = items.stream().map(item -> item instanceof Map<?, ?> map ? withoutCampaign(map) : item).toList();
        }
        return web.post().uri(path).headers(h -> h.setBearerAuth(StaffTokens.forRole(role)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(sent).exchange();
    }

    private static Map<Object, Object> withoutCampaign(Map<?, ?> item) {
        Map<Object, Object> copy = new java.util.HashMap<>(item);
        copy.remove("campaignId");
        return copy;
    }

    /** The requestIds on send-requests for this number, in order, as the gateway published them. */
    private List<String> publishedTo(String number) {
        var deserializer = new io.consentflow.schemas.AvroEventDeserializer();
        return kafka.readAllRaw(Topics.SEND_REQUESTS.name(), WAIT).stream()
                .filter(record -> number.equals(record.key()))
                .map(record -> (SendRequest) deserializer.deserialize(Topics.SEND_REQUESTS.name(), record.value()))
                .peek(request -> assertThat(request.getProducer()).isEqualTo(Services.GATEWAY))
                .map(SendRequest::getRequestId).toList();
    }

    private String consented() {
        return Fixtures.consentedToOffers(kafka, consents, WAIT);
    }
}
