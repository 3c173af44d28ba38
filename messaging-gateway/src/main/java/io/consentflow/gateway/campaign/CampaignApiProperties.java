package io.consentflow.gateway.campaign;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the REST send API checks before it publishes (docs/producers.md#rest).
 *
 * @param purposes           the consent purposes consent-service offers (its {@code consentflow.consent.purposes})
 * @param reservedTemplates  consent-service's own templates (its confirmation template): never sent by a campaign
 * @param maxBatch           the most requests one campaign batch may carry
 */
@ConfigurationProperties("consentflow.gateway.campaign-api")
record CampaignApiProperties(
        @DefaultValue({"offers", "new-collections", "event-updates", "support"}) List<String> purposes,
        @DefaultValue("optin_confirmation") List<String> reservedTemplates,
        @DefaultValue("10000") int maxBatch) {
}
