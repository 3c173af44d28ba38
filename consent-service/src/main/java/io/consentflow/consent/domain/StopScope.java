package io.consentflow.consent.domain;

/** What a withdrawal ends: everything or the marketing purposes (constants as the Avro enum's symbols). */
public enum StopScope {
    UNKNOWN, ALL, MARKETING
}
