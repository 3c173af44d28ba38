package io.consentflow.consent.adapters.web.staff;

import io.consentflow.consent.app.ChatErasureRequests;
import io.consentflow.consent.app.ErasureOutcome;
import io.consentflow.consent.app.PeerServices;
import io.consentflow.consent.app.PeerStatus;
import io.consentflow.consent.app.StoredSubject;
import io.consentflow.consent.app.SubjectStore;
import io.consentflow.consent.domain.Subject;
import io.consentflow.consent.domain.SubjectStatus;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Erasure requests people made in the chat, for staff to confirm or dismiss (roles in ConsentAccessRules). The chat
 * proves only the number, so staff check who asked before confirming; confirming hands the request to
 * retention-service exactly as a staff Art. 17 request does.
 */
@RestController
@RequestMapping("/api/v1/erasure-requests")
class ChatErasureRequestsController {

    /** A pending request with the subject and number it concerns, for staff to check. */
    record PendingRequest(String contactKey, String subjectId, String e164, String consentStatus, Instant requestedAt,
            String language) {
    }

    private final ChatErasureRequests requests;
    private final SubjectStore subjects;
    private final PeerServices peers;

    ChatErasureRequestsController(ChatErasureRequests requests, SubjectStore subjects, PeerServices peers) {
        this.requests = requests;
        this.subjects = subjects;
        this.peers = peers;
    }

    @GetMapping
    Flux<PendingRequest> pending() {
        return requests.pending().concatMap(request -> subjects.byContactKey(request.contactKey())
                .map(StoredSubject::subject)
                .map(s -> new PendingRequest(request.contactKey(), s.subjectId(), s.e164(), s.status().name(),
                        request.requestedAt(), request.language()))
                .defaultIfEmpty(new PendingRequest(request.contactKey(), null, null, SubjectStatus.ERASED.name(),
                        request.requestedAt(), request.language())));
    }

    /** Hands the erasure to retention-service with the caller's token; the request is closed once it is accepted. */
    @PostMapping("/{contactKey}/confirm")
    Mono<ResponseEntity<Object>> confirm(@PathVariable String contactKey, @AuthenticationPrincipal Jwt caller,
            ServerWebExchange exchange) {
        return requests.find(contactKey)
                .flatMap(request -> subjects.byContactKey(contactKey).map(StoredSubject::subject)
                        .filter(s -> s.status() != SubjectStatus.ERASED))
                .flatMap(subject -> requestErasure(subject, caller)
                        .flatMap(outcome -> (outcome.status() == PeerStatus.OK
                                ? requests.remove(contactKey) : Mono.just(false))
                                .thenReturn(SubjectController.erasureAnswer(outcome, exchange))))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    /** The person could not be verified as the holder of the number: the request is closed without erasure. */
    @PostMapping("/{contactKey}/dismiss")
    Mono<ResponseEntity<Void>> dismiss(@PathVariable String contactKey) {
        return requests.remove(contactKey).map(removed -> removed ? ResponseEntity.noContent().<Void>build()
                : ResponseEntity.notFound().<Void>build());
    }

    private Mono<ErasureOutcome> requestErasure(Subject subject, Jwt caller) {
        return peers.requestErasure(subject.subjectId(), caller.getTokenValue());
    }
}
