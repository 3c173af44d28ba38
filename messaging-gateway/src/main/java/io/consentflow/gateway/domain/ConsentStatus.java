package io.consentflow.gateway.domain;

/** Consent status of a contact as published on consent-state (ordinal order is stored in the compact view). */
public enum ConsentStatus {
    UNKNOWN, PENDING, CONFIRMED, STOPPED, EXPIRED
}
