package io.consentflow.simulator;

import io.consentflow.simulator.templates.TemplateDefinition;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the simulator can be told. The defaults are the local-development values of
 * docs/architecture.md#local-development-defaults, so the simulator and the gateway agree without any configuration.
 */
@ConfigurationProperties("simulator")
public record SimulatorProperties(
        @DefaultValue("local-access-token") String accessToken,
        @DefaultValue("100000000000001") String phoneNumberId,
        @DefaultValue("4930000000001") String displayPhoneNumber,
        @DefaultValue("100000000000002") String wabaId,
        @DefaultValue("v23.0") List<String> apiVersions,
        @DefaultValue("local-app-secret") String appSecret,
        @DefaultValue("http://localhost:8082/webhooks/whatsapp") URI webhookUrl,
        @DefaultValue("1000") int throughputPerSecond,
        @DefaultValue("true") boolean autoCreatePhones,
        @DefaultValue("true") boolean autoRead,
        @DefaultValue("webhook") ErrorDelivery errorDelivery,
        @DefaultValue("500") int maxMessagesPerPhone,
        @DefaultValue("10000") int maxPhones,
        @DefaultValue StatusDelays statusDelays,
        @DefaultValue PairRateLimit pairRateLimit,
        @DefaultValue WebhookDelivery webhook,
        List<TemplateDefinition> templates) {

    public SimulatorProperties {
        templates = templates == null ? List.of() : List.copyOf(templates);
    }

    /**
     * Where recipient-side errors (131026, 131047, 131050) show up. Meta accepts such a send (200 + wamid) and
     * reports the failure in a {@code failed} status webhook; {@code sync} answers the send with HTTP 400 instead.
     */
    public enum ErrorDelivery { WEBHOOK, SYNC }

    /** Delay before each status webhook, each relative to the previous one. */
    public record StatusDelays(
            @DefaultValue("5ms") Duration sent,
            @DefaultValue("10ms") Duration delivered,
            @DefaultValue("20ms") Duration read) {
    }

    /** Meta allows about one message per 6 s to the same user after a short burst (error 131056). */
    public record PairRateLimit(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("45") int burst,
            @DefaultValue("6s") Duration interval) {
    }

    /**
     * Webhook delivery: bounded retries with exponential back-off, never on the API's request path. Meta retries a
     * failed delivery for up to seven days; the simulator keeps trying for minutes, long enough to ride out a
     * receiver that is busy or restarting.
     *
     * @param batchWindow   status updates that become due within this window go out in one webhook, as Meta
     *                      bundles statuses; user actions are never batched
     * @param batchMax      at most this many statuses per webhook
     * @param batchMaxBytes at most this many bytes per status webhook (well under the gateway's webhook limit, 3 MB)
     */
    public record WebhookDelivery(
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("5s") Duration maxBackoff,
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("10000") int maxInFlight,
            @DefaultValue("64") int maxConnections,
            @DefaultValue("20ms") Duration batchWindow,
            @DefaultValue("100") int batchMax,
            @DefaultValue("60000") int batchMaxBytes) {

        public WebhookDelivery {
            batchMax = Math.max(1, batchMax);
            batchMaxBytes = Math.max(1024, batchMaxBytes);
            batchWindow = batchWindow == null || batchWindow.isNegative() ? Duration.ZERO : batchWindow;
        }
    }
}
