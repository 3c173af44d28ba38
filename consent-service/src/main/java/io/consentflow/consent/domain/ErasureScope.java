package io.consentflow.consent.domain;

/** What an erasure covers (constants as the Avro enum's symbols; this service acts on SUBJECT, PENDING_OPT_IN and
 * CONSENT_PROOF). */
public enum ErasureScope {
    UNKNOWN, SUBJECT, PENDING_OPT_IN, MESSAGE_LOG, CONSENT_PROOF
}
