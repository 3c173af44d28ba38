package io.consentflow.audit.app;

import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.audit.domain.VerificationResult;
import io.consentflow.events.StaffAccessRecorded;
import io.consentflow.proof.ProofBundle;
import io.consentflow.proof.WitnessedCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The chain data of a subject's proof bundle: each of its entries, the segment of its chain from the entry to the head
 * of the first signed checkpoint covering it (overlapping segments merged), those checkpoints with their time-stamps,
 * and the verification of the subject's chains including anchoring. A checkpoint is requested first, so entries
 * appended since the last one are covered too. A segment is at most what one checkpoint interval appended to a chain.
 */
@Service
public class EvidenceChains {

    private static final String STAFF_READ = StaffAccessRecorded.class.getSimpleName();

    /** What audit-service hands consent-service for a proof (GET /api/v1/audit/subjects/{subjectId}/evidence-chain). */
    public record EvidenceChain(String subjectId, List<ProofBundle.EntryRef> entries, List<ProofBundle.Segment> segments,
            List<WitnessedCheckpoint> checkpoints, VerificationResult verification) {
    }

    private final EntryStore entries;
    private final CheckpointStore checkpoints;
    private final CheckpointService checkpointService;
    private final VerificationService verification;
    private final AnchorVerification anchors;

    EvidenceChains(EntryStore entries, CheckpointStore checkpoints, CheckpointService checkpointService,
            VerificationService verification, AnchorVerification anchors) {
        this.entries = entries;
        this.checkpoints = checkpoints;
        this.checkpointService = checkpointService;
        this.verification = verification;
        this.anchors = anchors;
    }

    /**
     * Empty when the log holds nothing about the subject but staff reading it: the read of this very request is
     * recorded (StaffAccessRecorded names the subject) before the chain is read, and may already be chained when an
     * unknown subject is asked for.
     */
    public Mono<EvidenceChain> of(String subjectId) {
        return checkpointService.checkpointNow()
                .then(entries.bySubject(subjectId).collectList())
                .filter(EvidenceChains::aboutTheSubject)
                .flatMap(list -> Mono.zip(checkpoints.ascending().collectList(), anchors.tokens(),
                                verification.verify(new TreeSet<>(list.stream().map(AuditEntry::chainId).toList())))
                        .flatMap(t -> assemble(subjectId, list, t.getT1(), t.getT2(), t.getT3())));
    }

    /**
     * Whether a subject's entries hold anything but staff reading it: the read of an unknown subject is recorded
     * (StaffAccessRecorded names the subject) before its entries are read, and may already be chained by then.
     */
    static boolean aboutTheSubject(List<AuditEntry> logged) {
        return logged.stream().anyMatch(entry -> !STAFF_READ.equals(entry.type()));
    }

    private Mono<EvidenceChain> assemble(String subjectId, List<AuditEntry> logged, List<Checkpoint> all,
            Map<Long, String> tokens, VerificationResult result) {
        // per chain: position ranges [entry, head of its covering checkpoint], merged when they overlap. An entry
        // appended after the checkpoint requested above (typically the staff-access record of this very proof
        // request, which consent-service publishes before it asks) belongs to the next proof, not to this one.
        Map<String, TreeMap<Long, Long>> ranges = new TreeMap<>();
        Map<Long, Checkpoint> covering = new TreeMap<>();
        List<AuditEntry> subjectEntries = new ArrayList<>();
        for (AuditEntry entry : logged) {
            Optional<Checkpoint> first = all.stream().filter(c -> c.heads().containsKey(entry.chainId())
                    && c.heads().get(entry.chainId()).count() > entry.sequence()).findFirst();
            if (first.isEmpty()) {
                continue;
            }
            subjectEntries.add(entry);
            covering.put(first.get().number(), first.get());
            long end = first.get().heads().get(entry.chainId()).count() - 1;
            ranges.computeIfAbsent(entry.chainId(), c -> new TreeMap<>()).merge(entry.sequence(), end, Math::max);
        }
        List<Mono<ProofBundle.Segment>> segments = new ArrayList<>();
        ranges.forEach((chainId, starts) -> merged(starts).forEach((from, to) -> segments.add(entries
                .segment(chainId, from, to).map(e -> new ProofBundle.Row(e.sequence(), e.prevHash(), e.hash(),
                        e.canonical())).collectList().map(rows -> new ProofBundle.Segment(chainId, rows)))));
        List<ProofBundle.EntryRef> refs = subjectEntries.stream().map(e -> new ProofBundle.EntryRef(e.id(),
                e.chainId(), e.sequence(), e.type())).toList();
        List<WitnessedCheckpoint> heads = covering.values().stream()
                .map(c -> CheckpointAnchoring.witnessed(c, tokens.get(c.number()))).toList();
        return Flux.concat(segments).collectList()
                .map(list -> new EvidenceChain(subjectId, refs, list, heads, result));
    }

    private static Map<Long, Long> merged(TreeMap<Long, Long> starts) {
        Map<Long, Long> merged = new TreeMap<>();
        long from = -1;
        long to = -1;
        for (Map.Entry<Long, Long> range : starts.entrySet()) {
            if (from >= 0 && range.getKey() <= to + 1) {
                to = Math.max(to, range.getValue());
                continue;
            }
            if (from >= 0) {
                merged.put(from, to);
            }
            from = range.getKey();
            to = range.getValue();
        }
        if (from >= 0) {
            merged.put(from, to);
        }
        return merged;
    }
}
