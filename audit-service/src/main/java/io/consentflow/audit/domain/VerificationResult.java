package io.consentflow.audit.domain;

/**
 * The answer of a verification: valid, or the first broken place and why.
 *
 * @param entriesChecked     entries read before the answer
 * @param chains             chains read
 * @param latestCheckpoint   number of the latest checkpoint checked (0 when none exists yet)
 * @param failure            null when valid
 */
public record VerificationResult(boolean valid, long entriesChecked, int chains, long latestCheckpoint,
        Failure failure) {

    public enum Kind {
        CHANGED_ENTRY, MISSING_ENTRY, UNEXPECTED_ENTRY, BROKEN_LINK, TRUNCATED_CHAIN, CHECKPOINT_MISMATCH,
        BAD_CHECKPOINT_SIGNATURE, CHECKPOINT_SERIES_BROKEN, MALFORMED_ENTRY,
        /** a checkpoint names a key that is neither the current one nor a listed previous one */
        UNKNOWN_CHECKPOINT_KEY,
        /** the newest checkpoint is older than the heartbeat allows: the newest checkpoints may have been removed */
        STALE_CHECKPOINT,
        /** the witness holds a checkpoint head the store lacks or holds differently, or never received one */
        WITNESS_MISMATCH,
        /** a checkpoint's RFC 3161 time-stamp is missing or does not verify over its digest */
        BAD_TIMESTAMP
    }

    /**
     * @param chainId  chain of the broken entry (null for a checkpoint failure)
     * @param sequence position in the chain (-1 when not about one entry)
     * @param entryId  stored id of the entry, when there is one
     */
    public record Failure(Kind kind, String chainId, long sequence, String entryId, long checkpoint, String reason) {
    }
}
