package io.consentflow.consent.domain;

/** Meta's pricing category of a message this service asks the gateway to send (constants as the Avro enum's
 * symbols). */
public enum MessageCategory {
    UNKNOWN, MARKETING, UTILITY, AUTHENTICATION, SERVICE
}
