package io.consentflow.retention.domain;

import java.util.List;

/**
 * The data kinds a subject has one deadline for, and what falls due: the erasure scope, the default reason and the
 * receipts that must answer before the deadline is done (event type names, as in ErasureRequested.requiredReceipts).
 */
public enum DeadlineKind {
    PENDING_OPT_IN(Scope.PENDING_OPT_IN, Reason.PENDING_EXPIRED, List.of(Receipts.SUBJECT_ERASED)),
    MESSAGE_LOG(Scope.MESSAGE_LOG, Reason.MESSAGE_LOG_EXPIRED, List.of(Receipts.MESSAGE_LOG_ERASED)),
    CONSENT_PROOF(Scope.CONSENT_PROOF, Reason.PROOF_LIMITATION_ENDED, List.of(Receipts.SUBJECT_ERASED)),
    INACTIVE_CONSENT(Scope.SUBJECT, Reason.INACTIVE, List.of(Receipts.SUBJECT_ERASED, Receipts.MESSAGE_LOG_ERASED)),
    /** consent-service removes the purpose (the subject only with its last one), the gateway the purpose's records */
    PURPOSE_END(Scope.SUBJECT, Reason.PURPOSE_ENDED, List.of(Receipts.SUBJECT_ERASED, Receipts.MESSAGE_LOG_ERASED)),
    /** Art. 17: due at once when the subject asks */
    SUBJECT_REQUEST(Scope.SUBJECT, Reason.SUBJECT_REQUEST, List.of(Receipts.SUBJECT_ERASED, Receipts.MESSAGE_LOG_ERASED));

    private final Scope scope;
    private final Reason reason;
    private final List<String> requiredReceipts;

    DeadlineKind(Scope scope, Reason reason, List<String> requiredReceipts) {
        this.scope = scope;
        this.reason = reason;
        this.requiredReceipts = requiredReceipts;
    }

    public Scope scope() {
        return scope;
    }

    public Reason defaultReason() {
        return reason;
    }

    public List<String> requiredReceipts() {
        return requiredReceipts;
    }

    /** Mirrors the ErasureScope symbols of the contract. */
    public enum Scope { SUBJECT, PENDING_OPT_IN, MESSAGE_LOG, CONSENT_PROOF }

    /** Mirrors the ErasureReason symbols of the contract. */
    public enum Reason { SUBJECT_REQUEST, PENDING_EXPIRED, MESSAGE_LOG_EXPIRED, PROOF_LIMITATION_ENDED, PURPOSE_ENDED, INACTIVE }

    /** Receipt event types. */
    public static final class Receipts {
        public static final String SUBJECT_ERASED = "SubjectErased";
        public static final String MESSAGE_LOG_ERASED = "MessageLogErased";
        public static final String OPT_IN_EXPIRED = "OptInExpired";

        private Receipts() {
        }
    }
}
