package io.consentflow.consent.app;

/**
 * The settings the use cases read, taken from {@code consentflow.consent} by config (so app never reads config).
 *
 * @param noticeVersion        privacy-notice version recorded with chat evidence
 * @param maxConsentTextLength longest consent text an API opt-in may carry
 * @param tsaCertificate       the TSA certificate a proof's checks pin (PEM text or a file path); blank: none pinned
 */
public record ConsentSettings(String noticeVersion, int maxConsentTextLength, String tsaCertificate) {
}
