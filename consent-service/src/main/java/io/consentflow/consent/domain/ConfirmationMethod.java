package io.consentflow.consent.domain;

/** How a double opt-in was confirmed (constants as the Avro enum's symbols). */
public enum ConfirmationMethod {
    UNKNOWN, QUICK_REPLY, TEXT_REPLY, WEB_PAGE
}
