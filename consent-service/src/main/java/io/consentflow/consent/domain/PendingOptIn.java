package io.consentflow.consent.domain;

import java.time.Instant;
import java.util.Set;

/**
 * An opt-in waiting for its confirmation; only the SHA-256 of the single-use token is kept.
 *
 * @param widening true when the subject already has a confirmed consent and asks for more purposes
 */
public record PendingOptIn(String optInId, Set<String> purposes, String tokenHash, Instant requestedAt,
        Instant expiresAt, String source, String locale, boolean widening, String evidenceDigest) {

    public PendingOptIn {
        purposes = Set.copyOf(purposes);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
