package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentStatus;
import io.consentflow.events.DeliveryStatus;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageSent;
import io.consentflow.events.MessageStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 26's acceptance, black-box on the running suite: a campaign of 1,000 posted to the gateway's REST send API is
 * refused (403) with a staff token without role CAMPAIGN; with it the dry run predicts the split, the batch is
 * accepted, consented phones receive it (up to the frequency cap, which the batch itself reaches for one phone),
 * stopped and unconsented numbers do not, the outcomes match the prediction exactly, and the campaign report counts
 * what the phones received: sent and delivered (every status names its request by the echoed requestId, also one
 * that overtakes its outcome), for the marketing team and for the campaign system itself.
 */
class CampaignApiJourneyIT extends JourneySupport {

    private static final int CONSENTED = 12;
    private static final int STOPPED = 4;
    private static final int BATCH = 1_000;

    @Test
    void aRestCampaignReachesExactlyTheConsentedAsTheDryRunPredictedAndTheReportCounts() {
        List<Phone> optedIn = IntStream.range(0, CONSENTED + STOPPED + 1).parallel().mapToObj(i -> {
            Phone phone = Phone.create(suite);
            optInAndConfirm(phone, List.of("offers"));
            return phone;
        }).toList();
        List<Phone> consented = optedIn.subList(0, CONSENTED);
        Phone capped = optedIn.get(CONSENTED);
        List<Phone> stopped = optedIn.subList(CONSENTED + 1, optedIn.size());
        stopped.parallelStream().forEach(phone -> {
            phone.sendText("STOP");
            awaitConsent(phone, ConsentStatus.STOPPED);
        });
        String campaign = "rest-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> requestToNumber = new LinkedHashMap<>();
        consented.forEach(phone -> add(requestToNumber, campaign, phone.e164(), 2));
        add(requestToNumber, campaign, capped.e164(), 4); // 3 per 7 days: the batch caps its own fourth
        stopped.forEach(phone -> add(requestToNumber, campaign, phone.e164(), 1));
        while (requestToNumber.size() < BATCH) {
            add(requestToNumber, campaign, "+" + Phone.randomGermanMobile(), 1);
        }
        List<Map<String, Object>> batch = new ArrayList<>();
        requestToNumber.forEach((requestId, number) -> batch.add(Map.of("requestId", requestId, "to", number,
                "purpose", "offers", "template", Map.of("name", "new_collection", "language", "de",
                        "components", List.of(Map.of("type", "body",
                                "parameters", List.of(Map.of("type", "text", "value", "Herbst 2026"))))))));
        String campaignUrl = suite.gateway.baseUrl() + "/api/v1/campaigns/" + campaign;
        Map<Phone, Integer> before = new HashMap<>();
        optedIn.forEach(phone -> before.put(phone, (int) phone.outboundTemplates("new_collection")));

        for (String role : List.of("MARKETING", "ADMIN")) {
            assertThat(Http.postJson(campaignUrl + "/send-requests", batch, staffToken(role)).status()).isEqualTo(403);
        }
        Http.Response dryRun = Http.postJson(campaignUrl + "/dry-run", batch, staffToken("CAMPAIGN"));
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        JsonNode prediction = Http.JSON.readTree(dryRun.body());
        assertThat(prediction.path("wouldSend").asInt()).isEqualTo(2 * CONSENTED + 3);
        Http.Response accepted = Http.postJson(campaignUrl + "/send-requests", batch, staffToken("CAMPAIGN"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(Http.JSON.readTree(accepted.body()).path("accepted").asInt()).isEqualTo(BATCH);

        messageEvents.awaitCondition(() -> requestToNumber.keySet().stream().allMatch(id -> !outcomes(id).isEmpty()),
                Duration.ofMinutes(3), () -> "not every request of the campaign has an outcome");
        int sent = 0;
        Map<String, Integer> refused = new TreeMap<>();
        for (String requestId : requestToNumber.keySet()) {
            List<SpecificRecord> outcome = outcomes(requestId);
            assertThat(outcome).as("one outcome for " + requestId).hasSize(1);
            if (outcome.get(0) instanceof MessageSent) {
                sent++;
            } else if (outcome.get(0) instanceof MessageBlocked blocked) {
                refused.merge(blocked.getReason().name(), 1, Integer::sum);
            }
        }
        assertThat(sent).isEqualTo(prediction.path("wouldSend").asInt());
        Map<String, Integer> predicted = new TreeMap<>();
        prediction.path("refused").properties().forEach(e -> predicted.put(e.getKey(), e.getValue().asInt()));
        assertThat(refused).isEqualTo(predicted).containsEntry("STOPPED", STOPPED).containsEntry("FREQUENCY_CAP", 1)
                .containsEntry("NO_CONSENT", BATCH - 2 * CONSENTED - 4 - STOPPED);

        int received = 0;
        for (Phone phone : consented) {
            awaitTemplates(phone, before.get(phone) + 2);
            received += (int) phone.outboundTemplates("new_collection") - before.get(phone);
        }
        awaitTemplates(capped, before.get(capped) + 3);
        received += (int) capped.outboundTemplates("new_collection") - before.get(capped);
        ServiceProcess.sleep(1_000);
        for (Phone phone : stopped) {
            assertThat(phone.outboundTemplates("new_collection")).as("nothing to a stopped phone")
                    .isEqualTo(before.get(phone).longValue());
        }
        assertThat(received).isEqualTo(sent);

        // Meta's (the simulator's) DELIVERED for every message sent, each echoing its requestId: attributed to its
        // request also when it overtakes the outcome, so the report's delivered is what the phones received
        Set<String> wamids = new HashSet<>();
        requestToNumber.keySet().forEach(id -> outcomes(id).stream().filter(MessageSent.class::isInstance)
                .forEach(o -> wamids.add(((MessageSent) o).getWamid())));
        assertThat(wamids).hasSize(received);
        messageEvents.awaitCondition(() -> delivered(wamids).size() == wamids.size(), PATIENCE,
                () -> "not every message received was reported delivered with its requestId");
        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode report;
        do {
            ServiceProcess.sleep(500);
            report = Http.JSON.readTree(Http.get(campaignUrl + "/report", staffToken("MARKETING")).body());
        } while (report.path("delivered").asInt() < received && Instant.now().isBefore(deadline));
        JsonNode ownReport = Http.JSON.readTree(Http.get(campaignUrl + "/report", staffToken("CAMPAIGN")).body());
        assertThat(report.path("requested").asInt()).isEqualTo(BATCH);
        assertThat(report.path("sent").asInt()).isEqualTo(received);
        assertThat(report.path("delivered").asInt()).isEqualTo(received);
        // the campaign system that posted the batch counts the same (its own requests are all of them)
        assertThat(ownReport.path("requested").asInt()).isEqualTo(BATCH);
        assertThat(ownReport.path("delivered").asInt()).isEqualTo(received);
        assertThat(report.path("blockedByReason").path("NO_CONSENT").asInt()).isEqualTo(predicted.get("NO_CONSENT"));
        assertThat(report.path("blockedByReason").path("STOPPED").asInt()).isEqualTo(STOPPED);
        assertThat(report.path("blockedByReason").path("FREQUENCY_CAP").asInt()).isEqualTo(1);
    }

    /** Waits until the phone shows this many campaign templates (the recipient pacer spaces them by seconds). */
    private static void awaitTemplates(Phone phone, int count) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (phone.outboundTemplates("new_collection") < count && Instant.now().isBefore(deadline)) {
            ServiceProcess.sleep(200);
        }
    }

    /** The wamids with a DELIVERED or READ status on message-events that names its request. */
    private Set<String> delivered(Set<String> wamids) {
        Set<String> found = new HashSet<>();
        messageEvents.all(MessageStatusChanged.class, e -> wamids.contains(e.getWamid())
                        && (e.getStatus() == DeliveryStatus.DELIVERED || e.getStatus() == DeliveryStatus.READ)
                        && e.getRequestId() != null)
                .forEach(e -> found.add(e.getWamid()));
        return found;
    }

    private static void add(Map<String, String> requestToNumber, String campaign, String number, int times) {
        for (int i = 0; i < times; i++) {
            requestToNumber.put(campaign + "-" + requestToNumber.size(), number);
        }
    }
}
