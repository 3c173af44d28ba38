package io.consentflow.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the REST send API checks before it publishes (docs/producers.md#rest), and how long it remembers what it
 * published.
 *
 * @param purposes           the consent purposes consent-service offers (its {@code consentflow.consent.purposes})
 * @param reservedTemplates  consent-service's own templates (its confirmation template): never sent by a campaign
 * @param maxBatch           the most requests one campaign batch may carry
 * @param maxBatchBody       the most bytes one campaign batch may carry (each item is also bounded by the platform's
 *                           64 KB): 10,000 ordinary items are 2-5 MB
 * @param keepRequests       how long {@code api_send_requests} keeps a requestId: the window in which a repeat is
 *                           answered like the first and the posting client reads its timeline and report figures
 * @param expiryInterval     how often older entries are deleted
 * @param singleLinger       how long a single request waits for others to share its claim insert and publication
 */
@ConfigurationProperties("consentflow.gateway.campaign-api")
public record CampaignApiProperties(
        @DefaultValue({"offers", "new-collections", "event-updates", "support"}) List<String> purposes,
        @DefaultValue("optin_confirmation") List<String> reservedTemplates,
        @DefaultValue("10000") int maxBatch,
        @DefaultValue("32MB") DataSize maxBatchBody,
        @DefaultValue("30d") Duration keepRequests,
        @DefaultValue("1h") Duration expiryInterval,
        @DefaultValue("2ms") Duration singleLinger) {
}
