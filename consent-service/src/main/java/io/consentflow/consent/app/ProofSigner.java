package io.consentflow.consent.app;

import io.consentflow.proof.Ed25519;

/** The key that signs proof bundles, as a bean of its own type (the Ed25519 helper is not a Spring type). */
public record ProofSigner(Ed25519 key) {
}
