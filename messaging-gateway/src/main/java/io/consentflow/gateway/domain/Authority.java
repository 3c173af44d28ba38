package io.consentflow.gateway.domain;

/**
 * What a request's valid signature lets it do without marketing consent (docs/architecture.md#who-may-send-without-consent).
 * Never read from the {@code producer} field, which any writer of {@code send-requests} can fill in.
 */
public enum Authority {
    /** Unsigned, or a signature that does not verify: every consent rule applies. */
    NONE,
    /** Signed with consent-service's key: its confirmation template and its replies, to the number it signed. */
    CONSENT_SERVICE,
    /** Signed with the key of a producer authorised for customer service: SERVICE text in the 24-hour window. */
    CUSTOMER_SERVICE
}
