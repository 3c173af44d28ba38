package io.consentflow.gateway.adapters.web;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.app.ApiRequestClaims;
import io.consentflow.gateway.app.CampaignDryRun;
import io.consentflow.gateway.config.CampaignApiProperties;
import io.consentflow.platform.web.InvalidInputException;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/campaigns/{campaignId}/dry-run}: the campaign send's body, validated the same way (400 naming
 * field and item), answered with what the gate would do now, by reason; template problems are counted as the gate
 * counts them instead of refusing the batch. Sends, stores and publishes nothing (role CAMPAIGN).
 */
@RestController
class CampaignDryRunController {

    private final CampaignRequests requests;
    private final ApiRequestClaims claims;
    private final CampaignDryRun dryRun;
    private final int maxBatch;

    CampaignDryRunController(CampaignRequests requests, ApiRequestClaims claims, CampaignDryRun dryRun,
            CampaignApiProperties properties) {
        this.requests = requests;
        this.claims = claims;
        this.dryRun = dryRun;
        this.maxBatch = properties.maxBatch();
    }

    @PostMapping(CampaignBatchBodyLimit.DRY_RUN)
    Mono<CampaignDryRun.Prediction> dryRun(@PathVariable String campaignId, @RequestBody Flux<SendRequestBody> items) {
        if (!CampaignSendController.CAMPAIGN_ID.matcher(campaignId).matches()) {
            throw new InvalidInputException("campaignId", "1-100 letters, digits, '.', '_', ':' or '-'");
        }
        return items.take(maxBatch + 1L).collectList().flatMap(bodies -> {
            List<SendRequest> batch = requests.batch(campaignId, bodies, maxBatch, false);
            return claims.accepted(batch.stream().map(SendRequest::getRequestId).toList())
                    .map(accepted -> dryRun.judge(campaignId, batch, accepted));
        });
    }
}
