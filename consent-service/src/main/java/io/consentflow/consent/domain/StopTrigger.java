package io.consentflow.consent.domain;

/** What withdrew consent (constants as the Avro enum's symbols). */
public enum StopTrigger {
    UNKNOWN, KEYWORD, STOP_PROMOTIONS_BUTTON, META_USER_PREFERENCE, SEND_ERROR_131050, STAFF_API, WEB
}
