package io.consentflow.consent.app;

import reactor.core.publisher.Mono;

/**
 * Port: the other services, called with the staff member's own bearer token. A peer that is down, slow or refusing
 * never fails the caller: it becomes a {@link PeerStatus}. Implemented by {@code adapters.http.PeerClient}.
 */
public interface PeerServices {

    Mono<PeerData> messageLog(String subjectId, String bearer);

    Mono<PeerData> retentionDeadlines(String subjectId, String bearer);

    Mono<PeerData> auditEntries(String subjectId, String bearer);

    Mono<PeerData> evidenceChain(String subjectId, String bearer);

    Mono<PeerData> auditKeys(String bearer);

    /** Asks retention-service to erase the subject (Art. 17). */
    Mono<ErasureOutcome> requestErasure(String subjectId, String bearer);
}
