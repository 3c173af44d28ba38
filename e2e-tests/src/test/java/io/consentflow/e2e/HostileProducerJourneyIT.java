package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 22's acceptance, black-box on the running suite: what any producer can publish on send-requests reaches no
 * phone without consent for its purpose. A forged consent-service confirmation (unsigned, made-up subjectId) and
 * SERVICE text from a campaign producer inside the window are blocked NO_CONSENT; a template Meta paused is blocked
 * TEMPLATE_NOT_APPROVED once the gateway's catalog is refreshed. Nothing arrives on the phone.
 */
class HostileProducerJourneyIT extends JourneySupport {

    private void publish(SendRequest request) {
        kafka.publish(Topics.SEND_REQUESTS.name(), request.getTo(), request);
    }

    private static SendRequest.Builder request(String e164) {
        return SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setRequestId(UUID.randomUUID().toString()).setTo(e164).setPurpose(null).setTemplate(null)
                .setText(null).setButtons(List.of()).setCampaignId(null).setSubjectId(null)
                .setNotAfter(Instant.now().plusSeconds(3600));
    }

    @Test
    void forgedConsentServiceMessagesAndCampaignServiceTextReachNoPhone() {
        Phone phone = Phone.create(suite);
        var body = TemplateComponent.newBuilder().setType("body").setSubType(null).setIndex(null)
                .setParameters(List.of(new TemplateParameter("text", "Musterladen"))).build();
        SendRequest forged = request(phone.e164()).setProducer(Services.CONSENT).setCategory(MessageCategory.UTILITY)
                .setSubjectId(UUID.randomUUID().toString())
                .setTemplate(new TemplateMessage("optin_confirmation", "de", List.of(body))).build();

        publish(forged);

        assertThat(blockReason(awaitOutcome(forged.getRequestId()))).contains("NO_CONSENT");

        phone.sendText("Hallo, habt ihr heute offen?");
        ServiceProcess.sleep(2_000);
        SendRequest campaignText = request(phone.e164()).setProducer(Services.CAMPAIGN_SYSTEMS)
                .setCategory(MessageCategory.SERVICE).setText("Nur heute: 50 % auf alles!").build();
        publish(campaignText);

        assertThat(blockReason(awaitOutcome(campaignText.getRequestId()))).contains("NO_CONSENT");
        ServiceProcess.sleep(1_000);
        assertThat(phone.outbound()).as("nothing reached the phone").isEmpty();
    }

    @Test
    void aTemplatePausedByMetaIsRefusedWithoutCallingTheApi() {
        Phone phone = Phone.create(suite);
        optInAndConfirm(phone, List.of("offers"));
        int outboundBefore = phone.outbound().size();
        try {
            pause("PAUSED");

            assertThat(blockReason(awaitOutcome(sendMarketing(phone, "offers")))).contains("TEMPLATE_NOT_APPROVED");
            ServiceProcess.sleep(1_000);
            assertThat(phone.outbound()).as("nothing more reached the phone").hasSize(outboundBefore);
        } finally {
            pause("APPROVED");
        }
        assertThat(blockReason(awaitOutcome(sendMarketing(phone, "offers")))).as("approved again").isEmpty();
    }

    /** Meta's review changes new_collection/de; the gateway is told to read its catalog again. */
    private void pause(String status) {
        assertThat(Http.patchJson(suite.simulator.baseUrl() + "/sim/v1/templates/new_collection/de",
                Map.of("status", status)).status()).isEqualTo(200);
        var refreshed = Http.postJson(suite.gateway.baseUrl() + "/api/v1/templates/refresh", "",
                staffToken("MARKETING"));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.body()).contains(status);
    }
}
