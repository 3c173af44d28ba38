package io.consentflow.audit.domain;

import io.consentflow.proof.Sha256;

/**
 * The last entry of a chain, as far as the store knows it: derived from the stored entries, never kept as a separate
 * mutable document.
 *
 * @param count  entries in the chain (the next sequence number)
 * @param hash   hash of the last entry ({@link Sha256#GENESIS} for an empty chain)
 * @param offset source offset of the last entry, -1 for an empty chain
 */
public record ChainHead(String chainId, long count, String hash, long offset) {

    public static ChainHead empty(String chainId) {
        return new ChainHead(chainId, 0, Sha256.GENESIS, -1);
    }

    public static ChainHead of(AuditEntry last) {
        return new ChainHead(last.chainId(), last.sequence() + 1, last.hash(), last.offset());
    }
}
