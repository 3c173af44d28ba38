package io.consentflow.gateway.app;

import io.consentflow.gateway.domain.SendOutcome;
import io.consentflow.schemas.Events;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Settles requests from Meta's status webhooks: a status that names a request by its echoed
 * {@code biz_opaque_callback_data} proves Meta accepted it. A request whose call was recorded and that has no outcome
 * yet (a 5xx or a timeout after it left, a crash during the call, or simply a status faster than the answer) becomes
 * SENT with the status's wamid; its MessageSent is published once, by whichever of the pipeline and this stored the
 * outcome first.
 */
@Component
public class StatusSettlement {

    private final MessageLog log;
    private final MessageEvents events;
    private final Clock clock;

    StatusSettlement(MessageLog log, MessageEvents events, Clock clock) {
        this.log = log;
        this.events = events;
        this.clock = clock;
    }

    /** A request called (never only refused) whose outcome is still open or not a SENT with another wamid. */
    private static boolean couldBe(MessageLog.ClaimState state, String wamid) {
        return state.callingAt() != null
                && !(state.outcome() instanceof SendOutcome.Sent sent && !wamid.equals(sent.wamid()));
    }

    /** A status whose wamid the log does not know yet, with the requestId Meta echoed. */
    public record EchoedStatus(String requestId, String wamid) {
    }

    /**
     * Settles what these statuses prove and answers, per wamid, the request each belongs to (for the timeline and
     * the status events, the campaign report's delivered and read); requestIds the log does not know (erased, or not
     * ours) are absent, and so are those the status cannot belong to: the echo is trusted only to name a request
     * whose call this gateway recorded and whose stored outcome, if SENT, holds this very wamid.
     */
    public Mono<Map<String, DeliveryStatuses.LoggedRequest>> settle(List<EchoedStatus> statuses) {
        Map<String, DeliveryStatuses.LoggedRequest> found = new HashMap<>();
        Set<String> seen = new HashSet<>();
        // the delivery's requests read at once (a read of three documents per status was about half of the gateway's
        // database commands at 1,000 sends/s: a status often comes before the pipeline's outcome chunk is stored); a
        // request named again is read again, since this pass may have settled it meanwhile
        return log.states(statuses.stream().map(EchoedStatus::requestId).distinct().toList())
                .flatMap(states -> Flux.fromIterable(statuses).concatMap(status -> (seen.add(status.requestId())
                                ? Mono.justOrEmpty(states.get(status.requestId())) : log.state(status.requestId()))
                        .flatMap(state -> settle(status, state, found))).then())
                .then(Mono.fromSupplier(() -> found));
    }

    private Mono<Void> settle(EchoedStatus status, MessageLog.ClaimState state,
            Map<String, DeliveryStatuses.LoggedRequest> found) {
        if (!couldBe(state, status.wamid())) {
            return Mono.<Void>empty(); // the echo names a request of ours that cannot be this message
        }
        found.put(status.wamid(), new DeliveryStatuses.LoggedRequest(state.claim().requestId(),
                state.claim().subjectId(), state.claim().category().name(), state.claim().contactKey(), false));
        if (state.outcome() instanceof SendOutcome.Sent sent && status.wamid().equals(sent.wamid())) {
            // stored by an earlier delivery of this webhook whose publishing failed: announced again, identically
            return events.publish(OutcomeEvents.of(state.claim(), sent), status.requestId());
        }
        if (state.outcome() != null || state.callingAt() == null) {
            return Mono.empty();
        }
        SendOutcome sent = new SendOutcome.Sent(Events.newEventId(), clock.instant(), status.wamid());
        return log.outcomes(List.of(new MessageLog.Decided(status.requestId(), sent)))
                .flatMap(stored -> stored.contains(status.requestId())
                        ? events.publish(OutcomeEvents.of(state.claim(), sent), status.requestId())
                        : Mono.<Void>empty());
    }
}
