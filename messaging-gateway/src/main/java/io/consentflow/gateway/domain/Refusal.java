package io.consentflow.gateway.domain;

/** Why the gate refused a message: exactly one reason per refusal (names match the Avro BlockReason symbols). */
public enum Refusal {
    NO_CONSENT, PURPOSE_NOT_GRANTED, STOPPED, MARKETING_STOPPED_AT_META, TEMPLATE_REQUIRED, FREQUENCY_CAP,
    QUIET_HOURS, EXPIRED, INVALID_NUMBER, TEMPLATE_UNKNOWN, TEMPLATE_NOT_APPROVED
}
