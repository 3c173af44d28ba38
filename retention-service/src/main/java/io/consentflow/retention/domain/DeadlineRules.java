package io.consentflow.retention.domain;

import static io.consentflow.retention.domain.DeadlineKind.CONSENT_PROOF;
import static io.consentflow.retention.domain.DeadlineKind.INACTIVE_CONSENT;
import static io.consentflow.retention.domain.DeadlineKind.MESSAGE_LOG;
import static io.consentflow.retention.domain.DeadlineKind.PENDING_OPT_IN;
import static io.consentflow.retention.domain.DeadlineKind.PURPOSE_END;
import static io.consentflow.retention.domain.DeadlineKind.SUBJECT_REQUEST;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The retention policy applied to one event: which of the subject's deadlines start, move, end or are done.
 * Every period is counted from the event's occurredAt, so replaying the topic gives the same deadlines.
 */
public final class DeadlineRules {

    private final RetentionPolicies policies;

    public DeadlineRules(RetentionPolicies policies) {
        this.policies = policies;
    }

    public List<Instruction> instructionsFor(RetentionEvent event) {
        String subject = event.subjectId();
        Instant at = event.occurredAt();
        List<Instruction> out = new ArrayList<>();
        switch (event.type()) {
            case OPT_IN_REQUESTED -> out.add(Instruction.schedule(key(subject, PENDING_OPT_IN),
                    policies.deadline(PolicyKind.PENDING_OPT_IN, at)));
            case OPT_IN_CONFIRMED -> {
                out.add(Instruction.cancel(key(subject, PENDING_OPT_IN)));
                out.add(Instruction.cancel(key(subject, CONSENT_PROOF))); // consent again: no withdrawal to prove
                out.add(Instruction.extend(key(subject, INACTIVE_CONSENT),
                        policies.deadline(PolicyKind.INACTIVE_CONSENT, at)));
                purposeDeadlines(subject, event.purposes(), out);
            }
            case PREFERENCES_CHANGED -> {
                if (!event.pending()) {
                    if (event.purposes().isEmpty()) {
                        withdrawal(subject, at, out); // narrowed to nothing: the consent is withdrawn
                    } else {
                        purposeDeadlines(subject, event.purposes(), out);
                    }
                }
            }
            case STOP_RECEIVED -> withdrawal(subject, at, out);
            case OPT_IN_EXPIRED -> out.add(Instruction.complete(key(subject, PENDING_OPT_IN)));
            case MESSAGE_RECORDED -> out.add(Instruction.extend(key(subject, MESSAGE_LOG),
                    policies.deadline(PolicyKind.MESSAGE_LOG, at)));
            case SUBJECT_ERASED -> subjectErased(event, out);
            // the gateway's log is gone up to now (whichever erasure it answered): the clock restarts with the next
            // message; the end of one purpose erased only that purpose's records, the rest keeps its deadline
            case MESSAGE_LOG_ERASED -> {
                if (!event.purposeOnly()) {
                    out.add(Instruction.complete(key(subject, MESSAGE_LOG)));
                }
            }
        }
        return out;
    }

    /** Art. 17: erase the subject now. */
    public Instruction subjectRequest(String subjectId, Instant now) {
        return Instruction.schedule(key(subjectId, SUBJECT_REQUEST), now);
    }

    private void withdrawal(String subject, Instant at, List<Instruction> out) {
        out.add(Instruction.cancel(key(subject, PENDING_OPT_IN)));
        out.add(Instruction.cancel(key(subject, INACTIVE_CONSENT)));
        policies.purposeEnds().keySet().forEach(purpose ->
                out.add(Instruction.cancel(new DeadlineKey(subject, PURPOSE_END, purpose))));
        out.add(Instruction.schedule(key(subject, CONSENT_PROOF), policies.deadline(PolicyKind.CONSENT_PROOF, at)));
    }

    private void purposeDeadlines(String subject, List<String> granted, List<Instruction> out) {
        for (Map.Entry<String, Instant> end : policies.purposeEnds().entrySet()) {
            DeadlineKey key = new DeadlineKey(subject, PURPOSE_END, end.getKey());
            out.add(granted.contains(end.getKey()) ? Instruction.schedule(key, end.getValue()) : Instruction.cancel(key));
        }
    }

    private void subjectErased(RetentionEvent event, List<Instruction> out) {
        String subject = event.subjectId();
        if (event.purposeOnly()) {
            // one purpose ended and the subject keeps its other purposes: only that purpose's deadline is done
            out.add(Instruction.complete(new DeadlineKey(subject, PURPOSE_END, event.purposes().get(0))));
            return;
        }
        if (event.scope() == DeadlineKind.Scope.PENDING_OPT_IN) {
            out.add(Instruction.complete(key(subject, PENDING_OPT_IN)));
            return;
        }
        // the subject is gone from the registry: nothing else of consent-service's is left to delete
        for (DeadlineKind kind : List.of(PENDING_OPT_IN, INACTIVE_CONSENT, CONSENT_PROOF)) {
            out.add(Instruction.complete(key(subject, kind)));
        }
        policies.purposeEnds().keySet().forEach(purpose ->
                out.add(Instruction.complete(new DeadlineKey(subject, PURPOSE_END, purpose))));
        if (event.erasureId() == null && event.scope() == DeadlineKind.Scope.SUBJECT) {
            // consent-service erased on its own (Art. 17 at its staff API): the gateway's log must follow at once
            out.add(new Instruction(key(subject, MESSAGE_LOG), Instruction.Action.SCHEDULE, event.occurredAt(),
                    DeadlineKind.Reason.SUBJECT_REQUEST));
        }
    }

    private static DeadlineKey key(String subject, DeadlineKind kind) {
        return DeadlineKey.of(subject, kind);
    }
}
