package io.consentflow.audit.app;

import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.ChainHead;
import io.consentflow.audit.domain.Chains;
import io.consentflow.audit.domain.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One write attempt of a poll: every pending chain extended from its head, the entries concatenated chain after
 * chain into one list for a single ordered insert. Each chain's entries occupy one contiguous slice of that list, so
 * the index of a refused document tells, per chain, whether it was stored completely, in part (the refused chain),
 * or not attempted at all.
 */
final class PollBatch {

    /** A chain's entries in this attempt, at {@code [start, start + entries.size())} of the insert. */
    record Part(String chainId, List<AuditEntry> entries, int start) {

        int end() {
            return start + entries.size();
        }

        /** The entries the store holds when the ordered insert stopped at {@code failedIndex}. */
        List<AuditEntry> storedBefore(int failedIndex) {
            return entries.subList(0, Math.max(0, Math.min(entries.size(), failedIndex - start)));
        }
    }

    private final List<Part> parts;
    private final List<AuditEntry> entries;

    private PollBatch(List<Part> parts, List<AuditEntry> entries) {
        this.parts = parts;
        this.entries = entries;
    }

    /** Extends each chain from its head exactly as a single-chain append does (redeliveries skipped there). */
    static PollBatch extend(Map<String, List<SourceRecord>> byChain, Function<String, ChainHead> head,
            Instant recordedAt) {
        List<Part> parts = new ArrayList<>(byChain.size());
        List<AuditEntry> all = new ArrayList<>();
        byChain.forEach((chainId, records) -> {
            List<AuditEntry> chain = Chains.extend(head.apply(chainId), records, recordedAt);
            parts.add(new Part(chainId, chain, all.size()));
            all.addAll(chain);
        });
        return new PollBatch(List.copyOf(parts), all);
    }

    List<Part> parts() {
        return parts;
    }

    /** Everything to insert, in one ordered list. */
    List<AuditEntry> entries() {
        return entries;
    }
}
