package io.consentflow.retention.domain;

/** What a policy entry governs. */
public enum PolicyKind {
    /** an unconfirmed double opt-in */
    PENDING_OPT_IN,
    /** the gateway's message log, counted from the last message */
    MESSAGE_LOG,
    /** consent proof after a withdrawal (limitation period) */
    CONSENT_PROOF,
    /** a consent not confirmed again */
    INACTIVE_CONSENT,
    /** a purpose with a last day (e.g. an event) */
    PURPOSE_END,
    /** the longest retention.ms of a Kafka topic that carries phone numbers */
    TOPIC_RETENTION,
    /**
     * traces of a number no subject ever named (the gateway's unlinked claims, the audit's unlinked contact salts):
     * no deadline here, those services delete them on their own after this period
     */
    UNLINKED_CONTACT
}
