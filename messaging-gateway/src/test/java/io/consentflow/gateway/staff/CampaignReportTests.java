package io.consentflow.gateway.staff;

import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.send.SendPipeline;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.testsupport.StaffTokens;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /api/v1/campaigns/{campaignId}/report: a campaign's counts over real HTTP, without any person in them. */
@GatewayTest
class CampaignReportTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SendPipeline pipeline;
    @Autowired
    ConsentTable consents;
    @Autowired
    WebTestClient web;

    private String consented(String subject, String number) {
        String key = Fixtures.KEYS.of(number);
        consents.put(key, new ConsentFacts(subject, ConsentStatus.CONFIRMED, Set.of("offers"), false,
                System.currentTimeMillis() - 60_000));
        return key;
    }

    @Test
    void countsRequestsSentBlockedByReasonAndTheStopsAfterTheCampaignsMessage() {
        String campaign = "report-" + UUID.randomUUID();
        String stopper = randomNumber();
        String stayer = randomNumber();
        String stopperKey = consented(UUID.randomUUID().toString(), stopper);
        String stayerSubject = UUID.randomUUID().toString();
        consented(stayerSubject, stayer);
        SendRequest toStopper = marketing(stopper).setCampaignId(campaign).build();
        SendRequest toStayer = marketing(stayer).setCampaignId(campaign).build();
        SendRequest notGranted = marketing(stayer).setCampaignId(campaign).setPurpose("event-updates").build();
        SendRequest unknown = marketing(randomNumber()).setCampaignId(campaign).build();
        SendRequest otherCampaign = marketing(randomNumber()).setCampaignId("other-" + campaign).build();
        pipeline.processBatch(List.of(toStopper, toStayer, notGranted, unknown, otherCampaign))
                .block(Duration.ofSeconds(30));
        // the stopper withdraws after the campaign's message: a later snapshot says STOPPED
        consents.put(stopperKey, new ConsentFacts(null, ConsentStatus.STOPPED, Set.of(), false,
                System.currentTimeMillis() + 1_000));

        String body = web.get().uri("/api/v1/campaigns/{id}/report", campaign)
                .headers(h -> h.setBearerAuth(StaffTokens.forRole("MARKETING"))).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        JsonNode report = JSON.readTree(body);
        assertThat(report.path("requested").asLong()).isEqualTo(4);
        assertThat(report.path("sent").asLong()).isEqualTo(2);
        assertThat(report.path("blocked").asLong()).isEqualTo(2);
        assertThat(report.path("blockedByReason").path("PURPOSE_NOT_GRANTED").asLong()).isEqualTo(1);
        assertThat(report.path("blockedByReason").path("NO_CONSENT").asLong()).isEqualTo(1);
        assertThat(report.path("stopsCaused").asLong()).isEqualTo(1);
        assertThat(body).as("counts only: no number, contactKey or subjectId")
                .doesNotContain(stopper.substring(1), stayer.substring(1), stopperKey, stayerSubject);
    }

    @Test
    void aBadCampaignIdIsRefusedAndAnUnknownOneCountsNothing() {
        String marketingToken = StaffTokens.forRole("MARKETING");
        web.get().uri("/api/v1/campaigns/{id}/report", "bad id!").headers(h -> h.setBearerAuth(marketingToken))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field")
                .isEqualTo("campaignId");
        web.get().uri("/api/v1/campaigns/{id}/report", "never-sent").headers(h -> h.setBearerAuth(marketingToken))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.requested").isEqualTo(0);
        web.get().uri("/api/v1/campaigns/{id}/report", "never-sent").exchange().expectStatus().isUnauthorized();
    }
}
