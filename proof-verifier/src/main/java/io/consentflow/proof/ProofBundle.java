package io.consentflow.proof;

import java.util.List;
import java.util.Map;

/**
 * The proof of consent for one number, as consent-service assembles and signs it and as the offline verifier reads it
 * (docs/architecture.md#evidence). Everything needed to re-check it travels inside: the decrypted evidence with the
 * exact input of its digest, the subject's audit entries as the canonical bytes that were hashed, the chain segment
 * from each entry to the signed checkpoint covering it, and those checkpoints with their time-stamps.
 *
 * @param checks the checks as computed when the bundle was made (what the HTML and PDF show); a verifier recomputes
 *               them and never trusts these
 */
public record ProofBundle(String format, String generatedAt, String language, Subject subject,
        List<EvidenceItem> evidence, List<HistoryItem> history, List<EntryRef> entries, List<Segment> segments,
        List<WitnessedCheckpoint> checkpoints, AuditVerification auditVerification, List<Check> checks) {

    public static final String FORMAT = "consentflow-proof/1";

    public record Subject(String phoneNumber, String subjectId, String status, List<String> purposes, String locale) {
    }

    /**
     * One opt-in's evidence, decrypted. {@code digestInput} is the exact list whose unit-separator (U+001F) join
     * consent-service hashed into {@code digest}; the digest is what the audit log chained.
     *
     * @param initiatingMessageId wamid of the WhatsApp message that asked for the opt-in (chat opt-ins only)
     */
    public record EvidenceItem(String optInId, String at, String channel, String clientAddress, String userAgent,
            String pageUrl, String noticeVersion, String consentText, String consentTextHash,
            String initiatingMessageId, List<String> digestInput, String digest) {
    }

    /** consent-service's own history line of the subject (requests, confirmations, withdrawals, preference changes). */
    public record HistoryItem(String at, String event, String detail) {
    }

    /** One audit entry of the subject: where it sits. Its content is the canonical text of that row of its segment. */
    public record EntryRef(String entryId, String chainId, long sequence, String type) {
    }

    /** Consecutive entries of one chain: from the subject's first entry there to the head of a signed checkpoint. */
    public record Segment(String chainId, List<Row> rows) {
    }

    public record Row(long sequence, String prevHash, String hash, String canonical) {
    }

    /** audit-service's own verification of the chains and anchoring (witness, time-stamps, heartbeat) at that time. */
    public record AuditVerification(boolean valid, String failureKind, String reason, long latestCheckpoint) {
    }

    /** The parsed canonical content of a row (its payload included), as hashed. */
    public static Map<String, Object> content(Row row) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.MAPPER.readValue(row.canonical(), Map.class);
        return map;
    }
}
