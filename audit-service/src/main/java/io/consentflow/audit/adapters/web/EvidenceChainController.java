package io.consentflow.audit.adapters.web;

import io.consentflow.audit.app.EvidenceChains;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The chain data consent-service puts into a proof bundle (roles DPO, ADMIN; consent-service relays the caller's
 * token). Pseudonymous: subjectIds, salted digests and hashes, no number.
 */
@RestController
class EvidenceChainController {

    private final EvidenceChains chains;

    EvidenceChainController(EvidenceChains chains) {
        this.chains = chains;
    }

    @GetMapping("/api/v1/audit/subjects/{subjectId}/evidence-chain")
    Mono<ResponseEntity<EvidenceChains.EvidenceChain>> evidenceChain(@PathVariable String subjectId) {
        return chains.of(Params.subjectId(subjectId, true)).map(ResponseEntity::ok)
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }
}
