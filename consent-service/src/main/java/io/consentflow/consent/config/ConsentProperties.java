package io.consentflow.consent.config;

import io.consentflow.consent.app.RateLimits;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code consentflow.consent}.
 *
 * @param pepper                 HMAC key of contact keys (CONSENTFLOW_PEPPER), shared with messaging-gateway
 * @param masterKey              base64 AES-256 key that wraps every subject's data key (CONSENTFLOW_MASTER_KEY)
 * @param previousMasterKeys     master keys replaced by a rotation (CONSENTFLOW_PREVIOUS_MASTER_KEYS): they still
 *                               unwrap until the key ring is re-wrapped, then they can go
 * @param sendSigningKey         HMAC key (at least 32 bytes) that signs this service's SendRequests
 *                               (CONSENTFLOW_SEND_SIGNING_KEY), shared with messaging-gateway only
 * @param brandName              company name in the confirmation template and on the opt-in page
 * @param confirmationTemplate   name of the double-opt-in confirmation template registered with Meta
 *                               (CONSENTFLOW_CONFIRMATION_TEMPLATE), in the languages de and en
 * @param noticeVersion          privacy-notice version the hosted page shows
 * @param replyFallbackLanguage  language of a chat reply when neither the person's message nor the subject names one
 *                               (CONSENTFLOW_REPLY_FALLBACK_LANGUAGE)
 * @param purposes               the purpose catalogue; marketing purposes end with a marketing STOP
 * @param whatsappOptInPurposes  purposes an opt-in started in WhatsApp (START) asks for
 * @param optInTtl               how long a confirmation stays valid (48 h)
 * @param expiryScanInterval     how often pending opt-ins are checked for expiry
 * @param rateLimit              confirmation requests per number and per client address, START per number
 * @param outbox                 relay settings
 * @param peers                  the other services the Art. 15 export and the Art. 17 request call over HTTP
 * @param proof                  the signed proof of consent (docs/architecture.md#evidence)
 */
@ConfigurationProperties("consentflow.consent")
public record ConsentProperties(
        String pepper,
        String masterKey,
        @DefaultValue List<String> previousMasterKeys,
        String sendSigningKey,
        @DefaultValue("ConsentFlow") String brandName,
        @DefaultValue("optin_confirmation") String confirmationTemplate,
        @DefaultValue("2026-11") String noticeVersion,
        @DefaultValue("de") String replyFallbackLanguage,
        @DefaultValue List<PurposeProperties> purposes,
        @DefaultValue({"offers", "new-collections", "event-updates"}) List<String> whatsappOptInPurposes,
        @DefaultValue("48h") Duration optInTtl,
        @DefaultValue("1m") Duration expiryScanInterval,
        @DefaultValue RateLimits rateLimit,
        @DefaultValue Outbox outbox,
        @DefaultValue("4000") int maxConsentTextLength,
        @DefaultValue Peers peers,
        @DefaultValue Proof proof) {

    /**
     * @param signingKey     Ed25519 private key (PKCS#8 DER, base64) that signs proof bundles (CONSENTFLOW_PROOF_SIGNING_KEY)
     * @param tsaCertificate the TSA certificate (PEM text or a file path) the proof's checks pin; blank: a time-stamp
     *                       is checked against the certificate it carries
     */
    public record Proof(@DefaultValue("") String signingKey, @DefaultValue("") String tsaCertificate) {
    }

    public record PurposeProperties(String name, @DefaultValue("true") boolean marketing) {
    }

    /**
     * @param gatewayUrl      messaging-gateway base URL (GATEWAY_URL)
     * @param retentionUrl    retention-service base URL (RETENTION_URL)
     * @param auditUrl        audit-service base URL (AUDIT_URL)
     * @param timeout         per HTTP call (connect + response); a slower peer is marked UNAVAILABLE
     * @param auditPageSize   audit entries per page fetched (audit-service allows 1..500)
     * @param auditMaxPages   more pages than this and the audit part is marked UNAVAILABLE instead of truncated
     * @param maxResponseBytes largest peer response body accepted
     */
    public record Peers(@DefaultValue("http://localhost:8082") String gatewayUrl,
            @DefaultValue("http://localhost:8083") String retentionUrl,
            @DefaultValue("http://localhost:8084") String auditUrl,
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("200") int auditPageSize,
            @DefaultValue("500") int auditMaxPages,
            @DefaultValue("16777216") int maxResponseBytes) {
    }

    /** @param enabled false only in tests that simulate a crash between the write and the publish */
    public record Outbox(@DefaultValue("true") boolean enabled, @DefaultValue("10s") Duration pollInterval,
            @DefaultValue("100") int batchSize) {
    }
}
