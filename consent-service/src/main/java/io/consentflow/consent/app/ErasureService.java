package io.consentflow.consent.app;

import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.ErasureRequest;
import io.consentflow.consent.domain.ErasureScope;
import io.consentflow.consent.domain.SubjectStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Art. 17 (requested through retention-service) and retention deadlines: erase, then answer with SubjectErased (the
 * receipt) and a consent-state tombstone. A deadline for one purpose removes that purpose only (see the domain's
 * {@code Erasure}).
 */
@Service
public class ErasureService {

    private static final Set<ErasureScope> OURS = EnumSet.of(ErasureScope.SUBJECT, ErasureScope.PENDING_OPT_IN,
            ErasureScope.CONSENT_PROOF);

    /** Marks a subject that kept other purposes; never a contactKey (those are base64url HMACs). */
    private static final String KEPT = "";

    private final ConsentCommands commands;
    private final ConsentLifecycle lifecycle;
    private final ErasureReceipts receipts;
    private final ChatErasureRequests chatRequests;

    public ErasureService(ConsentCommands commands, ConsentLifecycle lifecycle,
            ErasureReceipts receipts, ChatErasureRequests chatRequests) {
        this.commands = commands;
        this.lifecycle = lifecycle;
        this.receipts = receipts;
        this.chatRequests = chatRequests;
    }

    /** A poll's requests, deduplicated, carried out in their order. */
    public Mono<Void> onErasureRequests(List<ErasureRequest> requests) {
        return Flux.fromIterable(requests).concatMap(this::onErasureRequested).then();
    }

    Mono<?> onErasureRequested(ErasureRequest request) {
        if (!OURS.contains(request.scope())) {
            return Mono.empty();
        }
        return commands.onSubjectId(request.subjectId(), request.eventId(), (s, now) -> {
                    lifecycle.erase(s, request.erasureId(), request.scope(), request.purpose(), now);
                    return s.status() == SubjectStatus.ERASED ? s.contactKey() : KEPT;
                })
                // an erasure asked for in the chat is done once the subject is gone (not when one purpose ended)
                .flatMap(contactKey -> request.scope() == ErasureScope.SUBJECT && !KEPT.equals(contactKey)
                        ? chatRequests.remove(contactKey).thenReturn(Boolean.TRUE) : Mono.just(Boolean.TRUE))
                // already gone (erased or expired before): the receipt is still owed, and no state changes with it
                .switchIfEmpty(Mono.defer(() -> receipts.publish(ConsentLifecycle.receiptForUnknown(
                        request.subjectId(), request.erasureId(), request.scope(), commands.now()))
                        .thenReturn(Boolean.TRUE)));
    }
}
