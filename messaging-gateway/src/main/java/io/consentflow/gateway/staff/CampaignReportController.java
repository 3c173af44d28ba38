package io.consentflow.gateway.staff;

import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.send.MessageLog;
import io.consentflow.platform.web.InvalidInputException;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A campaign's compliance report from the message log: how many requests it made, how many were sent, failed or
 * are undecided, how many were blocked and why, and how many recipients withdrew after its message. Counts only:
 * no number, contactKey or subjectId leaves, so marketing may read it (roles in GatewayAccessRules).
 */
@RestController
class CampaignReportController {

    static final String STOPS_DEFINITION = "STOPs caused: recipients sent a message of this campaign whose consent"
            + " is now STOPPED (or marketing stopped in WhatsApp) by a snapshot taken after that message was claimed;"
            + " erased recipients are no longer counted";
    private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    record CampaignReport(String campaignId, long requested, long sent, long failed, long undecided, long blocked,
            Map<String, Long> blockedByReason, long stopsCaused, String stopsDefinition) {
    }

    private final MessageLog log;
    private final ConsentTable consents;

    CampaignReportController(MessageLog log, ConsentTable consents) {
        this.log = log;
        this.consents = consents;
    }

    @GetMapping("/api/v1/campaigns/{campaignId}/report")
    Mono<CampaignReport> report(@PathVariable String campaignId) {
        if (!CAMPAIGN_ID.matcher(campaignId).matches()) {
            throw new InvalidInputException("campaignId", "1-100 letters, digits, '.', '_', ':' or '-'");
        }
        return log.byCampaign(campaignId).collectList().map(docs -> tally(campaignId, docs));
    }

    private CampaignReport tally(String campaignId, List<Document> docs) {
        long sent = 0;
        long failed = 0;
        long blocked = 0;
        Map<String, Long> byReason = new TreeMap<>();
        Set<String> stopped = new HashSet<>();
        for (Document doc : docs) {
            switch (MessageLog.state(doc)) {
                case "SENT" -> {
                    sent++;
                    if (stoppedAfter(doc)) {
                        stopped.add(doc.getString("contactKey"));
                    }
                }
                case "FAILED" -> failed++;
                case "BLOCKED" -> {
                    blocked++;
                    Document outcome = doc.get("outcome", Document.class);
                    byReason.merge(outcome.getString("reason"), 1L, Long::sum);
                }
                default -> {
                }
            }
        }
        return new CampaignReport(campaignId, docs.size(), sent, failed, docs.size() - sent - failed - blocked,
                blocked, byReason, stopped.size(), STOPS_DEFINITION);
    }

    private boolean stoppedAfter(Document doc) {
        String contactKey = doc.getString("contactKey");
        Date claimedAt = doc.getDate("claimedAt");
        if (contactKey == null || claimedAt == null) {
            return false;
        }
        ConsentFacts facts = consents.get(contactKey);
        return facts != null && (facts.status() == ConsentStatus.STOPPED || facts.marketingStoppedAtMeta())
                && facts.since() >= claimedAt.getTime() - 999; // the view keeps whole seconds, rounded down
    }
}
