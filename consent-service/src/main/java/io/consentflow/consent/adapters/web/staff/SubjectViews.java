package io.consentflow.consent.adapters.web.staff;

import io.consentflow.consent.app.PeerData;
import io.consentflow.consent.app.PeerStatus;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.HistoryEntry;
import io.consentflow.consent.domain.PendingOptIn;
import io.consentflow.consent.domain.Purpose;
import io.consentflow.consent.domain.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON views of a subject for staff. */
final class SubjectViews {

    private SubjectViews() {
    }

    record Pending(String optInId, Set<String> purposes, Instant requestedAt, Instant expiresAt, String source,
            boolean widening) {
        static Pending of(PendingOptIn p) {
            return p == null ? null : new Pending(p.optInId(), p.purposes(), p.requestedAt(), p.expiresAt(), p.source(),
                    p.widening());
        }
    }

    /** Current consent: what a campaign planner or support agent needs, nothing personal beyond the request path. */
    record Consent(String subjectId, String status, Set<String> purposes, Pending pending,
            boolean marketingStoppedAtMeta, Instant confirmedAt, Instant stoppedAt, long version) {
        static Consent of(Subject s) {
            return new Consent(s.subjectId(), s.status().name(), s.purposes(), Pending.of(s.pending()),
                    s.marketingStoppedAtMeta(), s.confirmedAt(), s.stoppedAt(), s.stateVersion());
        }
    }

    /**
     * Art. 15: everything consent-service holds about the number, evidence decrypted, plus what the other services
     * hold ({@code otherServices}, by service name); {@code complete} is false when any of them did not answer OK.
     */
    record Export(Instant exportedAt, String subjectId, String contactKey, String phoneNumber, String locale,
            String status, Set<String> purposes, List<Purpose> purposeCatalogue, Pending pending,
            boolean marketingStoppedAtMeta, Instant createdAt, Instant confirmedAt, Instant stoppedAt,
            List<Evidence> evidence, List<HistoryEntry> history, Map<String, PeerData> otherServices,
            boolean complete) {
        static Export of(Subject s, List<Purpose> catalogue, Instant now, Map<String, PeerData> others) {
            return new Export(now, s.subjectId(), s.contactKey(), s.e164(), s.locale(), s.status().name(),
                    s.purposes(), catalogue, Pending.of(s.pending()), s.marketingStoppedAtMeta(), s.createdAt(),
                    s.confirmedAt(), s.stoppedAt(), s.evidence(), s.history(), others,
                    others.values().stream().allMatch(peer -> peer.status() == PeerStatus.OK));
        }
    }
}
