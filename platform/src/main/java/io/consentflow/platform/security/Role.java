package io.consentflow.platform.security;

/** Staff roles carried in the JWT {@code roles} claim (docs/architecture.md#roles). */
public enum Role {
    DPO, SUPPORT, MARKETING, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
