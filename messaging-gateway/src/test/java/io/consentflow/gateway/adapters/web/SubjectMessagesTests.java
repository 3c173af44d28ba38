package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateMessage;
import io.consentflow.gateway.app.SendPipeline;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.testsupport.StaffTokens;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /api/v1/messages?subjectId=: a subject's whole message log over real HTTP, DPO and ADMIN only. */
@GatewayTest
class SubjectMessagesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SendPipeline pipeline;
    @Autowired
    ConsentTable consents;
    @Autowired
    WebTestClient web;

    private WebTestClient.ResponseSpec get(String query, String role) {
        return web.get().uri("/api/v1/messages" + query).header("X-Staff-Reason", "test: ticket 4711")
                .headers(h -> {
                    if (role != null) {
                        h.setBearerAuth(StaffTokens.forRole(role));
                    }
                }).exchange();
    }

    @Test
    void listsEverythingHeldAboutTheSubjectWithoutTheNumber() {
        String subject = UUID.randomUUID().toString();
        String number = randomNumber();
        consents.put(Fixtures.KEYS.of(number), new ConsentFacts(subject, ConsentStatus.CONFIRMED, Set.of("offers"),
                false));
        SendRequest offer = marketing(number).build();
        SendRequest notGranted = marketing(number).setPurpose("event-updates").setCampaignId("summer")
                .setTemplate(TemplateMessage.newBuilder().setName("event_invite").setLanguage("de").build()).build();
        SendRequest otherSubject = marketing(randomNumber()).build();
        pipeline.processBatch(List.of(offer, notGranted, otherSubject)).block(Duration.ofSeconds(30));

        String body = get("?subjectId=" + subject, "DPO").expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode json = JSON.readTree(body);
        assertThat(json.path("subjectId").asString()).isEqualTo(subject);
        assertThat(json.path("contactKeys").get(0).asString()).isEqualTo(Fixtures.KEYS.of(number));
        JsonNode messages = json.path("messages");
        assertThat(messages.size()).isEqualTo(2);
        JsonNode sent = find(messages, offer.getRequestId());
        assertThat(sent.path("state").asString()).isEqualTo("SENT");
        assertThat(sent.path("category").asString()).isEqualTo("MARKETING");
        assertThat(sent.path("purpose").asString()).isEqualTo("offers");
        assertThat(sent.path("template").asString()).isEqualTo("offer");
        assertThat(sent.path("campaignId").asString()).isEqualTo("black-friday");
        assertThat(sent.path("wamid").asString()).startsWith("wamid.");
        assertThat(sent.path("timeline").findValuesAsString("kind")).containsExactly("CLAIMED", "CALLING", "SENT");
        JsonNode blocked = find(messages, notGranted.getRequestId());
        assertThat(blocked.path("state").asString()).isEqualTo("BLOCKED");
        assertThat(blocked.path("template").asString()).isEqualTo("event_invite");
        assertThat(blocked.path("timeline").get(1).path("detail").asString()).contains("PURPOSE_NOT_GRANTED");
        assertThat(body).doesNotContain(otherSubject.getRequestId()).doesNotContain(digits(number).substring(2));

        get("?subjectId=" + subject.toUpperCase(), "ADMIN").expectStatus().isOk()
                .expectBody().jsonPath("$.messages.length()").isEqualTo(2);
    }

    private static JsonNode find(JsonNode messages, String requestId) {
        for (JsonNode message : messages) {
            if (requestId.equals(message.path("requestId").asString())) {
                return message;
            }
        }
        throw new AssertionError("no message " + requestId);
    }

    @Test
    void anUnknownSubjectHasAnEmptyLog() {
        get("?subjectId=" + UUID.randomUUID(), "DPO").expectStatus().isOk()
                .expectBody().jsonPath("$.messages.length()").isEqualTo(0);
    }

    @Test
    void onlyDpoAndAdminMayReadASubjectsLog() {
        String query = "?subjectId=" + UUID.randomUUID();
        get(query, null).expectStatus().isUnauthorized();
        get(query, "SUPPORT").expectStatus().isForbidden();
        get(query, "MARKETING").expectStatus().isForbidden();
        get(query, "DPO").expectStatus().isOk();
        get(query, "ADMIN").expectStatus().isOk();
        // the per-request timeline keeps its wider audience
        get("/req-" + UUID.randomUUID(), "SUPPORT").expectStatus().isNotFound();
    }

    @Test
    void aBadOrMissingSubjectIdIsAProblemWithTheField() {
        for (String query : List.of("?subjectId=not-a-uuid", "?subjectId=1-1-1-1-1", "?subjectId=", "")) {
            get(query, "DPO").expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("subjectId");
        }
    }
}
