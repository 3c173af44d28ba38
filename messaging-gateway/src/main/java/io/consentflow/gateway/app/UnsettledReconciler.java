package io.consentflow.gateway.app;

import io.consentflow.gateway.domain.SendOutcome;
import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import io.consentflow.schemas.Events;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Settles what the send path left unsettled: requests whose call was recorded and whose answer did not say what Meta
 * did (a 5xx, a timeout, a crash during the call, an attempt another instance decided). Runs on the instance that
 * owns the request's send-requests partition, also when no record is redelivered: one whose status webhook arrived
 * is dropped from the list (StatusSettlement stored SENT); one still without an outcome after
 * {@code consentflow.gateway.send.settle.within} becomes AMBIGUOUS, announced once and never sent again.
 */
@Component
public class UnsettledReconciler extends ReactivePeriodicTask {

    private final MessageLog log;
    private final UnsettledRequests unsettled;
    private final MessageEvents events;
    private final OwnedPartitions partitions;
    private final Clock clock;
    private final SendSettings settings;
    private final Counter ambiguous;

    UnsettledReconciler(MessageLog log, UnsettledRequests unsettled, MessageEvents events,
            OwnedPartitions partitions, Clock clock, SendSettings settings, MeterRegistry meters) {
        super("unsettled-reconciler", Duration.ofMinutes(5));
        this.log = log;
        this.unsettled = unsettled;
        this.events = events;
        this.partitions = partitions;
        this.clock = clock;
        this.settings = settings;
        this.ambiguous = meters.counter("consentflow.gateway.send.settled", "result", "ambiguous");
    }

    @Override
    protected Duration interval() {
        return settings.settleInterval();
    }

    @Override
    protected Mono<Void> run() {
        return reconcile(clock.instant());
    }

    /** One pass over the unsettled requests of this instance's partitions (and of none: tests, benchmarks). */
    public Mono<Void> reconcile(Instant now) {
        Set<Integer> owned = partitions.now();
        Instant giveUpBefore = now.minus(settings.settleWithin());
        return unsettled.all().filter(u -> u.partition() < 0 || owned.contains(u.partition()))
                .concatMap(u -> settleOne(u, giveUpBefore, now)).then();
    }

    private Mono<Void> settleOne(UnsettledRequests.Unsettled unsettled, Instant giveUpBefore, Instant now) {
        return log.state(unsettled.requestId()).flatMap(state -> {
            if (state.outcome() != null) {
                // stored by its status webhook, the attempt that decided it, or an earlier pass whose publishing
                // failed (a broker restart): announced again, identically (consumers dedupe by eventId), before the
                // entry goes, so no stored outcome stays unannounced
                return events.publish(OutcomeEvents.of(state.claim(), state.outcome()), unsettled.requestId());
            }
            if (!unsettled.since().isBefore(giveUpBefore)) {
                return Mono.<Void>error(new StillWaiting());
            }
            SendOutcome outcome = new SendOutcome.Ambiguous(Events.newEventId(), now,
                    "no status within " + settings.settleWithin().toSeconds() + " s of the call");
            return log.outcomes(List.of(new MessageLog.Decided(unsettled.requestId(), outcome)))
                    .flatMap(stored -> {
                        if (!stored.contains(unsettled.requestId())) {
                            return Mono.<Void>error(new StillWaiting()); // another outcome won: the next pass announces it
                        }
                        ambiguous.increment();
                        return events.publish(OutcomeEvents.of(state.claim(), outcome), unsettled.requestId());
                    });
        }).then(Mono.defer(() -> this.unsettled.settled(unsettled.requestId())))
                .onErrorResume(StillWaiting.class, e -> Mono.empty());
    }

    /** Not yet due: left in the list for a later pass. */
    private static final class StillWaiting extends RuntimeException {
        StillWaiting() {
            super(null, null, false, false);
        }
    }
}
