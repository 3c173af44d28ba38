package io.consentflow.platform.security;

/**
 * Staff roles carried in the JWT {@code roles} claim (docs/architecture.md#roles). CAMPAIGN is not a person's role:
 * the identity provider gives it to a campaign system's client-credentials token, which may send through the
 * gateway's REST API and follow its own requests, nothing else.
 */
public enum Role {
    DPO, SUPPORT, MARKETING, ADMIN, CAMPAIGN;

    public String authority() {
        return "ROLE_" + name();
    }
}
