package io.consentflow.retention.adapters.web;

import io.consentflow.retention.domain.Deadline;
import io.consentflow.retention.domain.DeadlineKind;
import io.consentflow.retention.domain.Erasure;
import io.consentflow.retention.domain.RetentionPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Response and request bodies of the retention API. */
final class RetentionDtos {

    private RetentionDtos() {
    }

    /**
     * The Art. 30 record of deletion periods (Art. 30(1)(f) GDPR); {@code compactedTopics} states, from the catalog,
     * when the contact key of an erased contact leaves the compacted topics and on what that depends.
     */
    record PolicyRecord(String controller, String zone, String source, List<PolicyEntry> policies,
            List<CompactedTopicBound> compactedTopics) {
    }

    record CompactedTopicBound(String topic, List<String> dataCategories, String lastCopyGoneWithin,
            String condition) {
    }

    record PolicyEntry(String id, String kind, String period, String purpose, LocalDate lastDay, String topic,
            List<String> dataCategories, String legalBasis, String description, String erasureScope,
            List<String> requiredReceipts, String lastCopyGoneWithin) {

        static PolicyEntry of(RetentionPolicy policy) {
            DeadlineKind kind = switch (policy.kind()) {
                case PENDING_OPT_IN -> DeadlineKind.PENDING_OPT_IN;
                case MESSAGE_LOG -> DeadlineKind.MESSAGE_LOG;
                case CONSENT_PROOF -> DeadlineKind.CONSENT_PROOF;
                case INACTIVE_CONSENT -> DeadlineKind.INACTIVE_CONSENT;
                case PURPOSE_END -> DeadlineKind.PURPOSE_END;
                case TOPIC_RETENTION, UNLINKED_CONTACT -> null;
            };
            return new PolicyEntry(policy.id(), policy.kind().name(),
                    policy.period() == null ? null : policy.period().toString(), policy.purpose(), policy.lastDay(),
                    policy.topic(), policy.dataCategories(), policy.legalBasis(), policy.description(),
                    kind == null ? null : kind.scope().name(), kind == null ? List.of() : kind.requiredReceipts(),
                    policy.topic() == null ? null : TopicBounds.lastCopyGoneWithin(policy.topic(), policy.period())
                            .toString());
        }
    }

    record DeadlineView(String subjectId, String kind, String purpose, String status, Instant dueAt, String reason,
            String erasureId, Instant updatedAt) {

        static DeadlineView of(Deadline deadline) {
            return new DeadlineView(deadline.key().subjectId(), deadline.key().kind().name(), deadline.key().purpose(),
                    deadline.status().name(), deadline.dueAt(), deadline.reason().name(), deadline.erasureId(),
                    deadline.updatedAt());
        }
    }

    record SubjectDeadlines(String subjectId, List<DeadlineView> deadlines, List<ErasureView> erasures) {
    }

    record ErasureView(String erasureId, String subjectId, String kind, String scope, String reason, String purpose,
            Instant dueAt, Instant requestedAt, String status, List<String> requiredReceipts,
            List<String> missingReceipts, Instant overdueAt, Instant completedAt) {

        static ErasureView of(Erasure erasure) {
            return new ErasureView(erasure.erasureId(), erasure.subjectId(), erasure.kind().name(),
                    erasure.scope().name(), erasure.reason().name(), erasure.purpose(), erasure.dueAt(),
                    erasure.requestedAt(), erasure.status().name(), erasure.requiredReceipts(),
                    erasure.missingReceipts(), erasure.overdueAt(), erasure.completedAt());
        }
    }

    record Summary(Instant at, Map<String, Map<String, Long>> openDeadlinesByKindAndWindow, long total) {
    }

    record ErasureRequest(String subjectId) {
    }
}
