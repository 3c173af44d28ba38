package io.consentflow.gateway.config;

import io.consentflow.gateway.adapters.kafka.ConsentView;
import io.consentflow.gateway.domain.Gate;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code consentflow.gateway}.
 *
 * @param pepper      HMAC key of contact keys (CONSENTFLOW_PEPPER), shared with consent-service
 * @param whatsapp    Cloud API endpoint, credentials and webhook secrets
 * @param send        throughput and resilience of the send pipeline
 * @param gate        quiet hours, frequency cap, customer-service window
 * @param consentView sizing of the in-memory consent view
 * @param web         the web server's own event loops (webhooks, staff API)
 * @param signing     the keys whose SendRequest signatures allow sending without consent
 * @param templates   the catalog of the business account's templates
 */
@ConfigurationProperties("consentflow.gateway")
public record GatewayProperties(String pepper, @DefaultValue WhatsApp whatsapp, @DefaultValue Send send,
        @DefaultValue Gate gate, @DefaultValue ConsentView consentView, @DefaultValue Web web,
        @DefaultValue Signing signing, @DefaultValue Templates templates) {

    /**
     * @param webhookMaxBody the largest webhook delivery read (Meta's payloads reach 3 MB); larger ones are refused
     *                       with 413 before their signature is checked or anything is parsed. Every other request
     *                       body is bounded by the platform's codec limit (64 KB)
     */
    public record WhatsApp(@DefaultValue("http://localhost:8089") String baseUrl,
            @DefaultValue("v23.0") String apiVersion, @DefaultValue("100000000000001") String phoneNumberId,
            @DefaultValue("100000000000002") String wabaId,
            String accessToken, String appSecret, String appSecretPrevious, String verifyToken,
            @DefaultValue("10s") Duration responseTimeout, @DefaultValue("3MB") DataSize webhookMaxBody) {
    }

    /**
     * @param rateLimitPerSecond messages per second per sender number (Meta: 80 by default, up to 1,000)
     * @param recipientSpacing   minimum gap between two messages to the same recipient
     * @param concurrency        Cloud API calls in flight per listener
     * @param consumers          send-requests consumers per instance: while one stores and acknowledges its batch,
     *                           another already sends
     * @param settle             how requests whose call may have reached Meta without an answer are settled
     * @param resume             how requests claimed and never called are resumed without a redelivery
     */
    public record Send(@DefaultValue("80") int rateLimitPerSecond, @DefaultValue("6s") Duration recipientSpacing,
            @DefaultValue("256") int concurrency, @DefaultValue("3") int consumers, @DefaultValue Retry retry,
            @DefaultValue CircuitBreaker circuitBreaker, @DefaultValue Settle settle, @DefaultValue Resume resume) {
    }

    /**
     * @param after    a claim this old without a call or an outcome, whose record lies below the group's committed
     *                 offset (so no redelivery will bring it), is resumed by the partition's owner
     * @param interval how often this instance's partitions are looked at
     */
    public record Resume(@DefaultValue("1m") Duration after, @DefaultValue("30s") Duration interval) {
    }

    /**
     * @param within   a request whose call may have reached Meta (5xx, timeout, crash during the call) becomes SENT
     *                 when a status webhook echoes its requestId; none within this time: AMBIGUOUS, reported, never
     *                 sent again
     * @param interval how often the unsettled requests of this instance's partitions are looked at
     */
    public record Settle(@DefaultValue("10m") Duration within, @DefaultValue("5s") Duration interval) {
    }

    public record Retry(@DefaultValue("5") int maxAttempts, @DefaultValue("200ms") Duration firstBackoff,
            @DefaultValue("10s") Duration maxBackoff) {
    }

    public record CircuitBreaker(@DefaultValue("50") float failureRateThreshold,
            @DefaultValue("50") int slidingWindowSize, @DefaultValue("10s") Duration waitInOpenState) {
    }

    public record Gate(@DefaultValue("20:00") LocalTime quietFrom, @DefaultValue("08:00") LocalTime quietUntil,
            @DefaultValue("3") int frequencyCapMax, @DefaultValue("7d") Duration frequencyCapWindow,
            @DefaultValue("24h") Duration serviceWindow) {
    }

    public record ConsentView(@DefaultValue("100000") int expectedSubjects) {
    }

    /** @param eventLoops event-loop threads of the web server alone; the Cloud API client keeps Reactor's shared ones */
    public record Web(@DefaultValue("2") int eventLoops) {
    }

    /**
     * @param consentServiceKey   consent-service's HMAC key (CONSENTFLOW_SEND_SIGNING_KEY): its own messages
     * @param customerServiceKeys signer name to HMAC key of each producer authorised for customer service (SERVICE
     *                            text in the 24-hour window); campaign systems get none
     */
    public record Signing(String consentServiceKey, @DefaultValue Map<String, String> customerServiceKeys) {
    }

    /** @param refreshInterval how often the catalog is read again from the Cloud API (also on demand) */
    public record Templates(@DefaultValue("5m") Duration refreshInterval) {
    }
}
