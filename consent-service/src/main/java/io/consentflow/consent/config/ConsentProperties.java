package io.consentflow.consent.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code consentflow.consent}.
 *
 * @param pepper                 HMAC key of contact keys (CONSENTFLOW_PEPPER), shared with messaging-gateway
 * @param masterKey              base64 AES-256 key that wraps every subject's data key (CONSENTFLOW_MASTER_KEY)
 * @param brandName              company name in the confirmation template and on the opt-in page
 * @param noticeVersion          privacy-notice version the hosted page shows
 * @param purposes               the purpose catalogue; marketing purposes end with a marketing STOP
 * @param whatsappOptInPurposes  purposes an opt-in started in WhatsApp (START) asks for
 * @param optInTtl               how long a confirmation stays valid (48 h)
 * @param expiryScanInterval     how often pending opt-ins are checked for expiry
 * @param rateLimit              confirmation requests per number and per client address
 * @param outbox                 relay settings
 */
@ConfigurationProperties("consentflow.consent")
public record ConsentProperties(
        String pepper,
        String masterKey,
        @DefaultValue("ConsentFlow") String brandName,
        @DefaultValue("2026-11") String noticeVersion,
        @DefaultValue List<PurposeProperties> purposes,
        @DefaultValue({"offers", "new-collections", "event-updates"}) List<String> whatsappOptInPurposes,
        @DefaultValue("48h") Duration optInTtl,
        @DefaultValue("1m") Duration expiryScanInterval,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Outbox outbox,
        @DefaultValue("4000") int maxConsentTextLength) {

    public record PurposeProperties(String name, @DefaultValue("true") boolean marketing) {
    }

    public record RateLimit(@DefaultValue("3") int perNumber, @DefaultValue("20") int perClientAddress,
            @DefaultValue("1h") Duration window) {
    }

    /** @param enabled false only in tests that simulate a crash between the write and the publish */
    public record Outbox(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("100") int batchSize) {
    }
}
