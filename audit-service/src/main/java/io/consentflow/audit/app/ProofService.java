package io.consentflow.audit.app;

import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.ProofBuilder;
import io.consentflow.audit.domain.ProofReport;
import java.time.Clock;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Assembles a subject's proof of consent and verifies the chains its entries sit in. */
@Service
public class ProofService {

    private final EntryStore entries;
    private final VerificationService verification;
    private final Clock clock;

    public ProofService(EntryStore entries, VerificationService verification, Clock clock) {
        this.entries = entries;
        this.verification = verification;
        this.clock = clock;
    }

    /** Empty when the log holds nothing about the subject but staff reading it ({@link EvidenceChains#aboutTheSubject}). */
    public Mono<ProofReport> proof(String subjectId) {
        return entries.bySubject(subjectId).collectList().filter(EvidenceChains::aboutTheSubject)
                .flatMap(list -> verification.verify(new TreeSet<>(list.stream().map(AuditEntry::chainId).toList()))
                        .map(result -> ProofBuilder.build(subjectId, list, result, clock.instant())));
    }
}
