package io.consentflow.schemas;

/** What a topic's record key holds: only these identities may appear in clear in Kafka keys (DESIGN.md §2, §3). */
public enum KeyKind {
    SUBJECT_ID,
    CONTACT_KEY,
    E164_NUMBER,
    SUBJECT_ID_OR_REQUEST_ID,
    SOURCE_KEY
}
