package io.consentflow.consent.domain;

import io.consentflow.rules.inbound.InboundReading;
import java.security.SecureRandom;
import java.util.Base64;

/** A single-use confirmation token: 256 random bits; the subject document keeps only its SHA-256. */
public record ConfirmationToken(String value, String hash) {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The gateway reads a tap on a button with this prefix as YES (consent-rules). */
    public static final String PAYLOAD_PREFIX = InboundReading.CONFIRM_PAYLOAD_PREFIX;

    public static ConfirmationToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new ConfirmationToken(value, hashOf(value));
    }

    public static String hashOf(String token) {
        return Evidence.sha256Hex("confirmation-token:" + token);
    }

    public String buttonPayload() {
        return PAYLOAD_PREFIX + value;
    }
}
