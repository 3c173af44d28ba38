package io.consentflow.audit.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds a {@link ProofReport} from a subject's entries and the verification of their chains. */
public final class ProofBuilder {

    private ProofBuilder() {
    }

    public static ProofReport build(String subjectId, List<AuditEntry> entries, VerificationResult verification,
            Instant now) {
        List<AuditEntry> ordered = entries.stream().sorted(Comparator.comparing(ProofBuilder::when)
                .thenComparing(AuditEntry::id)).toList();
        var requests = new ArrayList<ProofReport.Request>();
        var confirmations = new ArrayList<ProofReport.Confirmation>();
        var withdrawals = new ArrayList<ProofReport.Withdrawal>();
        var preferences = new ArrayList<ProofReport.PreferenceChange>();
        var messages = new ArrayList<ProofReport.Message>();
        var lifecycle = new ArrayList<ProofReport.Lifecycle>();
        var positions = new ArrayList<ProofReport.Position>();
        for (AuditEntry entry : ordered) {
            Map<String, Object> p = entry.payload() == null ? Map.of() : entry.payload();
            Instant at = when(entry);
            switch (entry.type()) {
                case "OptInRequested" -> requests.add(new ProofReport.Request(str(p, "optInId"), at,
                        list(p, "purposes"), str(p, "source"), str(p, "noticeVersion"), str(p, "consentTextHash"),
                        str(p, "evidenceDigest"), str(p, "locale")));
                case "OptInConfirmed" -> confirmations.add(new ProofReport.Confirmation(str(p, "optInId"), at,
                        str(p, "method"), list(p, "purposes"), str(p, "evidenceDigest")));
                case "StopReceived" -> withdrawals.add(new ProofReport.Withdrawal(at, str(p, "trigger"),
                        str(p, "scope"), list(p, "purposesWithdrawn"), str(p, "language")));
                case "PreferencesChanged" -> preferences.add(new ProofReport.PreferenceChange(at,
                        list(p, "purposesBefore"), list(p, "purposesAfter"),
                        Boolean.TRUE.equals(p.get("pendingConfirmation"))));
                case "SendRequest" -> messages.add(message(entry, p, at, "requested"));
                case "MessageSent" -> messages.add(message(entry, p, at, "sent"));
                case "MessageBlocked" -> messages.add(message(entry, p, at, "blocked: " + str(p, "reason")));
                case "MessageFailed" -> messages.add(message(entry, p, at, "failed: " + p.get("errorCode")));
                default -> lifecycle.add(new ProofReport.Lifecycle(at, entry.type(), detail(p)));
            }
            positions.add(new ProofReport.Position(entry.id(), entry.chainId(), entry.sequence(), entry.type(),
                    entry.recordedAt(), entry.hash()));
        }
        return new ProofReport(subjectId, now, requests, confirmations, withdrawals, preferences, messages,
                lifecycle, positions, verification);
    }

    private static ProofReport.Message message(AuditEntry entry, Map<String, Object> p, Instant at, String outcome) {
        return new ProofReport.Message(at, entry.type(), str(p, "requestId"), str(p, "category"), str(p, "purpose"),
                str(p, "campaignId"), outcome);
    }

    private static String detail(Map<String, Object> p) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("scope", "reason", "optInId", "erasureId", "messagesErased", "status")) {
            if (p.get(key) != null) {
                parts.add(key + "=" + p.get(key));
            }
        }
        return String.join(", ", parts);
    }

    private static Instant when(AuditEntry entry) {
        return entry.occurredAt() != null ? entry.occurredAt() : entry.recordedAt();
    }

    private static String str(Map<String, Object> p, String key) {
        Object value = p.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static List<String> list(Map<String, Object> p, String key) {
        return p.get(key) instanceof List<?> values ? values.stream().map(String::valueOf).toList() : List.of();
    }
}
