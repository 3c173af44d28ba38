package io.consentflow.gateway.send;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.Category;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.ContactKeys;
import io.consentflow.gateway.domain.Decision;
import io.consentflow.gateway.domain.FrequencyLedger;
import io.consentflow.gateway.domain.Gate;
import io.consentflow.gateway.domain.Outgoing;
import io.consentflow.gateway.domain.RecipientPacer;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.schemas.Events;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One send request, end to end: claim the requestId (at most once, before anything leaves), judge it with the gate,
 * call the Cloud API, store the outcome, publish it on message-events.
 */
@Component
public class SendPipeline {

    private final MessageLog log;
    private final MessageEvents events;
    private final CloudApiClient cloudApi;
    private final Gate gate;
    private final ConsentTable consents;
    private final ServiceWindows windows;
    private final FrequencyLedger ledger;
    private final RecipientPacer pacer;
    private final ContactKeys contactKeys;
    private final Clock clock;
    private final Timer gateTimer;
    private final MeterRegistry meters;

    SendPipeline(MessageLog log, MessageEvents events, CloudApiClient cloudApi, Gate gate, ConsentTable consents,
            ServiceWindows windows, FrequencyLedger ledger, RecipientPacer pacer, ContactKeys contactKeys, Clock clock,
            MeterRegistry meters) {
        this.log = log;
        this.events = events;
        this.cloudApi = cloudApi;
        this.gate = gate;
        this.consents = consents;
        this.windows = windows;
        this.ledger = ledger;
        this.pacer = pacer;
        this.contactKeys = contactKeys;
        this.clock = clock;
        this.meters = meters;
        this.gateTimer = Timer.builder("consentflow.gateway.gate.latency").publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    public Mono<Void> process(SendRequest request) {
        String contactKey = contactKeys.of(request.getTo());
        ConsentFacts consent = consents.get(contactKey);
        String subjectId = request.getSubjectId() != null ? request.getSubjectId()
                : consent == null ? null : consent.subjectId();
        Instant claimedAt = clock.instant();
        return log.claim(request.getRequestId(), subjectId, request.getCategory().name(), request.getPurpose(),
                        request.getCampaignId(), claimedAt)
                .flatMap(claim -> claim.first() ? firstDelivery(request, contactKey, consent, subjectId)
                        : redelivered(claim.previous()));
    }

    /** Claimed before: re-publish the stored outcome, or declare it ambiguous; never call Meta again. */
    private Mono<Void> redelivered(Document existing) {
        meters.counter("consentflow.gateway.send.redelivered").increment();
        Document outcome = existing.get("outcome", Document.class);
        if (outcome == null) {
            outcome = Outcomes.unknownAfterClaim(Events.newEventId(), clock.instant());
            return finish(existing, Outcomes.AMBIGUOUS, outcome, null);
        }
        return events.publish(Outcomes.event(existing, outcome), existing.getString("_id"));
    }

    private Mono<Void> firstDelivery(SendRequest request, String contactKey, ConsentFacts consent, String subjectId) {
        Document logDoc = new Document("_id", request.getRequestId()).append("subjectId", subjectId)
                .append("category", request.getCategory().name()).append("purpose", request.getPurpose())
                .append("campaignId", request.getCampaignId());
        Outgoing outgoing = SendRequests.outgoing(request);
        Instant now = clock.instant();
        long started = System.nanoTime();
        boolean marketing = outgoing.category() == Category.MARKETING;
        Decision decision = gate.decide(outgoing, consent, windows.lastInbound(contactKey),
                marketing ? ledger.count(contactKey, now) : 0, now);
        if (decision.allowed() && marketing) {
            // counted before the call so concurrent requests cannot overshoot the cap
            ledger.record(contactKey, now);
        }
        gateTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (!decision.allowed()) {
            meters.counter("consentflow.gateway.send.blocked", "reason", decision.refusal().name()).increment();
            return finish(logDoc, Outcomes.BLOCKED, Outcomes.blocked(Events.newEventId(), decision.refusal().name(),
                    decision.detail(), now), null);
        }
        Duration wait = pacer.reserve(contactKey, now);
        Mono<CallResult> call = cloudApi.send(request);
        return (wait.isZero() ? call : Mono.delay(wait).then(call))
                .flatMap(result -> {
                    meters.counter("consentflow.gateway.send.outcome", "result", result.accepted() ? "sent"
                            : result.ambiguous() ? "ambiguous" : "failed").increment();
                    Document outcome = Outcomes.of(Events.newEventId(), result, clock.instant());
                    return finish(logDoc, outcome.getString("type"), outcome, result.wamid());
                });
    }

    private Mono<Void> finish(Document logDoc, String state, Document outcome, String wamid) {
        String requestId = logDoc.getString("_id");
        return log.outcome(requestId, state, outcome, wamid, outcome.getDate("at").toInstant())
                .then(events.publish(Outcomes.event(logDoc, outcome), requestId));
    }
}
