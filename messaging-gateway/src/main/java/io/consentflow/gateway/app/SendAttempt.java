package io.consentflow.gateway.app;

import io.consentflow.gateway.domain.Category;
import io.consentflow.gateway.domain.CloudApiOutcome;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.Decision;
import io.consentflow.gateway.domain.FrequencyLedger;
import io.consentflow.gateway.domain.Gate;
import io.consentflow.gateway.domain.OutboundMessage;
import io.consentflow.gateway.domain.Outgoing;
import io.consentflow.gateway.domain.PendingStops;
import io.consentflow.gateway.domain.RecipientPacer;
import io.consentflow.gateway.domain.RequestClaim;
import io.consentflow.gateway.domain.SendOutcome;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.schemas.Events;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One request, from the gate to its outcome: judged, paced, and called with the gate asked again right before every
 * HTTP attempt (after the recipient's pacing, the sender limiter's wait and every back-off), with the consent view's
 * latest state. The attempt that records the request's call first decides it ({@link CallDecisions}); a 5xx, a
 * timeout or a lost decision leaves the request unsettled, never sent again.
 */
@Component
class SendAttempt {

    /** What a request ends with in this batch. */
    record Done(RequestClaim claim, SendOutcome outcome, boolean alreadyStored, Instant unsettledSince) {

        static Done decided(RequestClaim claim, SendOutcome outcome) {
            return new Done(claim, outcome, false, null);
        }

        /** Stored before (a redelivery): announced again, identically. */
        static Done republish(RequestClaim claim, SendOutcome outcome) {
            return new Done(claim, outcome, true, null);
        }

        /** Its call was recorded and what Meta did is unknown: settled by its status webhook or the reconciler. */
        static Done unsettled(RequestClaim claim, Instant since) {
            return new Done(claim, null, false, since);
        }
    }

    /** A request ready to judge: its claim, what the gate judges and what the Cloud API would be sent. */
    record Prepared(RequestClaim claim, Outgoing outgoing, OutboundMessage message) {
    }

    private final CloudApi cloudApi;
    private final CallDecisions decisions;
    private final StopFence fence;
    private final PendingStops pendingStops;
    private final Gate gate;
    private final ConsentLookup consents;
    private final ServiceWindows windows;
    private final FrequencyLedger ledger;
    private final RecipientPacer pacer;
    private final Clock clock;
    private final SendMetrics metrics;

    SendAttempt(CloudApi cloudApi, CallDecisions decisions, StopFence fence, PendingStops pendingStops,
            Gate gate, ConsentLookup consents, ServiceWindows windows, FrequencyLedger ledger, RecipientPacer pacer,
            Clock clock, SendMetrics metrics) {
        this.cloudApi = cloudApi;
        this.decisions = decisions;
        this.fence = fence;
        this.pendingStops = pendingStops;
        this.gate = gate;
        this.consents = consents;
        this.windows = windows;
        this.ledger = ledger;
        this.pacer = pacer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** A request never called before: a fresh claim, or one a crash left CLAIMED (safe to send). */
    Mono<Done> run(Prepared prepared) {
        RequestClaim claim = prepared.claim();
        String contactKey = claim.contactKey();
        Instant now = clock.instant();
        long started = System.nanoTime();
        boolean marketing = prepared.outgoing().category() == Category.MARKETING;
        ConsentFacts consent = consents.facts(contactKey);
        Decision decision = gate.decide(prepared.outgoing(), consent, registered(consent),
                windows.lastInbound(contactKey), marketing ? ledger.count(contactKey, claim.requestId(), now) : 0, now);
        if (decision.allowed() && marketing) {
            // counted before the call so concurrent requests cannot overshoot the cap; once per request, so a resumed
            // claim (already counted by this run or by the ledger's restore) neither counts twice nor against itself
            ledger.record(contactKey, claim.requestId(), now);
        }
        metrics.gate.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (!decision.allowed()) {
            return refuse(claim, blocked(decision, now));
        }
        Duration wait = pacer.reserve(contactKey, now);
        Mono<Done> call = Mono.defer(() -> call(prepared, marketing));
        return wait.isZero() ? call : Mono.delay(wait).then(call);
    }

    private Mono<Done> call(Prepared prepared, boolean marketing) {
        RequestClaim claim = prepared.claim();
        AtomicReference<SendOutcome> refusal = new AtomicReference<>();
        AtomicBoolean decided = new AtomicBoolean();
        AttemptGuard guard = attempt -> {
            Instant now = clock.instant();
            ConsentFacts latest = consents.facts(claim.contactKey());
            Decision again = gate.decide(prepared.outgoing(), latest, registered(latest),
                    windows.lastInbound(claim.contactKey()), 0, now);
            if (!again.allowed()) {
                refusal.set(blocked(again, now));
                return Mono.just(false);
            }
            if (decided.get()) {
                // a later attempt (after throttling): its call is recorded, the STOPs are read again
                return fence.find(List.of(claim.contactKey()))
                        .map(stops -> clearOfStops(prepared, stops.get(claim.contactKey()), refusal));
            }
            return decisions.decide(claim.requestId(), claim.contactKey(), true).map(verdict -> {
                decided.set(verdict.decides());
                return verdict.decides() && clearOfStops(prepared, verdict.stop(), refusal);
            });
        };
        return cloudApi.send(prepared.message(), marketing, guard).flatMap(result -> {
            Instant now = clock.instant();
            if (result.refusedBeforeLeaving()) {
                if (refusal.get() == null) {
                    metrics.lostDecision();
                    return Mono.just(Done.unsettled(claim, now)); // another attempt decided it
                }
                return decided.get() ? Mono.just(Done.decided(claim, refusal.get())) : refuse(claim, refusal.get());
            }
            metrics.called(result);
            if (result.errorCode() == CloudApiOutcome.MARKETING_STOPPED) {
                consents.marketingStoppedAtMeta(claim.contactKey(), now, now);
            }
            if (result.accepted()) {
                return Mono.just(Done.decided(claim, new SendOutcome.Sent(Events.newEventId(), now, result.wamid())));
            }
            if (result.ambiguous()) {
                return Mono.just(Done.unsettled(claim, now));
            }
            SendOutcome failed = new SendOutcome.Failed(Events.newEventId(), now, result.errorCode(),
                    result.errorTitle(), result.httpStatus(), result.retryable(), result.deferredUntil());
            // never left at all (limiter, breaker, no connection): decided only by whoever records it first
            return decided.get() ? Mono.just(Done.decided(claim, failed)) : refuse(claim, failed);
        });
    }

    /**
     * Whether the request may leave given a STOP another instance recorded (null: none): the STOP narrows the
     * consent this instance judges by, as if it had read it from Kafka, and the gate is asked once more.
     */
    private boolean clearOfStops(Prepared prepared, StopFence.Stop stop, AtomicReference<SendOutcome> refusal) {
        if (stop == null) {
            return true;
        }
        String contactKey = prepared.claim().contactKey();
        Instant now = clock.instant();
        pendingStops.stopped(contactKey, stop.everyPurpose(), stop.at(), now);
        ConsentFacts latest = consents.facts(contactKey);
        Decision again = gate.decide(prepared.outgoing(), latest, registered(latest), windows.lastInbound(contactKey),
                0, now);
        if (again.allowed()) {
            return true;
        }
        refusal.set(blocked(again, now));
        return false;
    }

    /** An outcome without a call: stored only by the attempt that records the decision first. */
    private Mono<Done> refuse(RequestClaim claim, SendOutcome outcome) {
        return decisions.decide(claim.requestId(), claim.contactKey(), false).map(verdict -> {
            if (!verdict.decides()) {
                metrics.lostDecision();
                return Done.unsettled(claim, clock.instant());
            }
            if (outcome instanceof SendOutcome.Blocked blocked) {
                metrics.blocked(blocked.reason());
            }
            return Done.decided(claim, outcome);
        });
    }

    private static SendOutcome blocked(Decision decision, Instant at) {
        return new SendOutcome.Blocked(Events.newEventId(), at, decision.refusal(), decision.detail());
    }

    /**
     * Whether consent-service registered the number: the consent was found by the number's contactKey, and a
     * subjectId is what consent-service assigns when it accepts a number, after libphonenumber validated it. (A STOP
     * from a number it does not know narrows to facts without one.)
     */
    private static boolean registered(ConsentFacts consent) {
        return consent != null && consent.subjectId() != null;
    }
}
