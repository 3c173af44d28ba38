package io.consentflow.gateway.domain;

/** WhatsApp message categories as the gate sees them (mirrors the Avro MessageCategory). */
public enum Category {
    MARKETING, UTILITY, AUTHENTICATION, SERVICE
}
