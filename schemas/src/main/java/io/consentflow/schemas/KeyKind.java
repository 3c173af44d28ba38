package io.consentflow.schemas;

/**
 * What a topic's record key holds: only these identities may appear in clear in Kafka keys
 * (docs/architecture.md#identities-and-personal-data, docs/architecture.md#topics).
 */
public enum KeyKind {
    SUBJECT_ID,
    CONTACT_KEY,
    E164_NUMBER,
    SUBJECT_ID_OR_REQUEST_ID,
    SOURCE_KEY
}
