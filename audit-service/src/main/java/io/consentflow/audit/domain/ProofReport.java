package io.consentflow.audit.domain;

import java.time.Instant;
import java.util.List;

/**
 * Proof of consent for one subject, assembled from the audit log alone: what was asked, with which evidence digest
 * and notice version, how and when it was confirmed, what was withdrawn, which messages went out, and where each
 * of those entries sits in its chain together with the verification result of those chains.
 */
public record ProofReport(String subjectId, Instant generatedAt, List<Request> requests,
        List<Confirmation> confirmations, List<Withdrawal> withdrawals, List<PreferenceChange> preferenceChanges,
        List<Message> messages, List<Lifecycle> lifecycle, List<Position> chainPositions,
        VerificationResult verification) {

    public record Request(String optInId, Instant at, List<String> purposes, String source, String noticeVersion,
            String consentTextHash, String evidenceDigest, String locale) {
    }

    public record Confirmation(String optInId, Instant at, String method, List<String> purposes,
            String evidenceDigest) {
    }

    public record Withdrawal(Instant at, String trigger, String scope, List<String> purposesWithdrawn,
            String language) {
    }

    public record PreferenceChange(Instant at, List<String> before, List<String> after, boolean pendingConfirmation) {
    }

    /** MessageSent, MessageBlocked or MessageFailed. */
    public record Message(Instant at, String type, String requestId, String category, String purpose,
            String campaignId, String outcome) {
    }

    /** OptInExpired, ErasureRequested, SubjectErased, MessageLogErased and anything else about the subject. */
    public record Lifecycle(Instant at, String type, String detail) {
    }

    public record Position(String entryId, String chainId, long sequence, String type, Instant recordedAt,
            String hash) {
    }
}
