package io.consentflow.gateway.app;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.Authority;
import io.consentflow.gateway.domain.Category;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.Decision;
import io.consentflow.gateway.domain.FrequencyLedger;
import io.consentflow.gateway.domain.Gate;
import io.consentflow.gateway.domain.Outgoing;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.rules.contact.ContactKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * What a campaign batch would meet at the gate now (docs/producers.md#dry-run): each request is judged by the same
 * {@link Gate} with the same consent view, service windows, frequency ledger and template catalog the send listener
 * uses, and each one the gate would let through counts towards its contact's frequency cap for the rest of the batch,
 * as the listener records it before the call. Nothing is stored, published or logged; the answer holds only counts.
 */
@Component
public class CampaignDryRun {

    private final Gate gate;
    private final ConsentLookup consents;
    private final ServiceWindows windows;
    private final FrequencyLedger ledger;
    private final RegisteredCategories categories;
    private final ContactKeys contactKeys;
    private final Clock clock;

    CampaignDryRun(Gate gate, ConsentLookup consents, ServiceWindows windows, FrequencyLedger ledger,
            RegisteredCategories categories, ContactKeys contactKeys, Clock clock) {
        this.gate = gate;
        this.consents = consents;
        this.windows = windows;
        this.ledger = ledger;
        this.categories = categories;
        this.contactKeys = contactKeys;
        this.clock = clock;
    }

    /**
     * @param requested       how many requests the batch holds
     * @param wouldSend       how many the gate would let through now
     * @param alreadyAccepted requestIds accepted before: a send would not publish them again
     * @param refused         by the gate's reason (the BlockReason a send would end with)
     */
    public record Prediction(String campaignId, int requested, int wouldSend, int alreadyAccepted,
            Map<String, Integer> refused) {
    }

    public Prediction judge(String campaignId, List<SendRequest> batch, Set<String> acceptedBefore) {
        Instant now = clock.instant();
        Map<String, Integer> batchMarketing = new HashMap<>();
        Map<String, Integer> refused = new TreeMap<>();
        int wouldSend = 0;
        int repeated = 0;
        for (SendRequest request : batch) {
            if (acceptedBefore.contains(request.getRequestId())) {
                repeated++;
                continue;
            }
            // the API takes no signatures: every request meets every consent rule
            Outgoing outgoing = categories.outgoing(request, Authority.NONE);
            String contactKey = contactKeys.of(request.getTo());
            boolean marketing = outgoing.category() == Category.MARKETING;
            int sentInCap = marketing ? ledger.count(contactKey, now) + batchMarketing.getOrDefault(contactKey, 0) : 0;
            ConsentFacts consent = consents.facts(contactKey);
            Decision decision = gate.decide(outgoing, consent, windows.lastInbound(contactKey), sentInCap, now);
            if (decision.allowed()) {
                wouldSend++;
                if (marketing) {
                    batchMarketing.merge(contactKey, 1, Integer::sum);
                }
            } else {
                refused.merge(decision.refusal().name(), 1, Integer::sum);
            }
        }
        return new Prediction(campaignId, batch.size(), wouldSend, repeated, refused);
    }
}
