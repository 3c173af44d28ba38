package io.consentflow.retention.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a batch of events does to deadlines: each event's instructions, grouped by deadline in event order. Every
 * instruction touches exactly one deadline and depends only on that deadline's current state, so applying a key's
 * steps in order to the stored deadline gives the same result as handling the events one by one, with one read and
 * at most one write per deadline (e.g. the 30 MessageSent of a subject in a batch become one message-log write).
 */
public final class DeadlinePlan {

    private final Map<DeadlineKey, List<Step>> steps = new LinkedHashMap<>();

    private record Step(Instruction instruction, String eventId) {
    }

    private DeadlinePlan() {
    }

    public static DeadlinePlan of(DeadlineRules rules, List<RetentionEvent> events) {
        DeadlinePlan plan = new DeadlinePlan();
        for (RetentionEvent event : events) {
            for (Instruction instruction : rules.instructionsFor(event)) {
                plan.steps.computeIfAbsent(instruction.key(), key -> new ArrayList<>())
                        .add(new Step(instruction, event.eventId()));
            }
        }
        return plan;
    }

    /** The deadlines the batch may change, in order of first appearance. */
    public Set<DeadlineKey> keys() {
        return steps.keySet();
    }

    /** The deadline after all of the batch's steps for its key; the same instance when none changes anything. */
    public Deadline apply(DeadlineKey key, Deadline current, Instant now, Supplier<String> newErasureId) {
        Deadline deadline = current;
        for (Step step : steps.getOrDefault(key, List.of())) {
            deadline = Deadline.apply(deadline, step.instruction(), step.eventId(), now, newErasureId);
        }
        return deadline;
    }
}
