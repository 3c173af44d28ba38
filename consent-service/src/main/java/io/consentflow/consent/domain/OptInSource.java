package io.consentflow.consent.domain;

/** Where an opt-in started. The constants are the Avro enum's symbols, which adapters.kafka maps by name. */
public enum OptInSource {
    UNKNOWN, WEB_FORM, API, WHATSAPP
}
