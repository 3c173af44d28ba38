package io.consentflow.gateway.domain;

/** What the catalog says of a message's template. */
public enum TemplateState {
    /** Free text: no template to look up. */
    NONE,
    /** The business account has no template of that name and language. */
    UNKNOWN,
    /** Registered, but not (or no longer) APPROVED: pending, rejected, paused, disabled. */
    NOT_APPROVED,
    APPROVED
}
