package io.consentflow.gateway.send;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.config.GatewayProperties;
import io.consentflow.gateway.domain.Category;
import io.consentflow.gateway.domain.CloudApiOutcome;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.Decision;
import io.consentflow.gateway.domain.FrequencyLedger;
import io.consentflow.gateway.domain.Gate;
import io.consentflow.gateway.domain.Outgoing;
import io.consentflow.gateway.domain.RecipientPacer;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.schemas.Events;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.avro.specific.SpecificRecord;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One send request, end to end: claim the requestId (at most once, before anything leaves), judge it with the gate,
 * call the Cloud API, store the outcome, publish it on message-events.
 */
@Component
public class SendPipeline {

    /**
     * Outcomes are stored and published in chunks of at most this many, or after this linger: at 100 ms a chunk holds
     * about twice the outcomes it held at 50 ms under load, and each chunk is one command for the database and one
     * round of produce requests, which cost more than the 50 ms the last outcome of a chunk waits.
     */
    static final int OUTCOME_CHUNK = 500;
    private static final Duration OUTCOME_LINGER = Duration.ofMillis(100);
    /** Requests claimed with one insertMany, and how many such claims may run ahead of the calls. */
    static final int CLAIM_CHUNK = 250;
    private static final int CLAIMS_AHEAD = 2;
    private static final int OUTCOME_WRITES_IN_FLIGHT = 2;

    private final MessageLog log;
    private final int concurrency;
    private final MessageEvents events;
    private final CloudApiClient cloudApi;
    private final Gate gate;
    private final ConsentLookup consents;
    private final ServiceWindows windows;
    private final FrequencyLedger ledger;
    private final RecipientPacer pacer;
    private final ContactKeys contactKeys;
    private final Clock clock;
    private final SendMetrics metrics;
    private final SendAuthorities authorities;
    private final RegisteredCategories categories;

    SendPipeline(MessageLog log, MessageEvents events, CloudApiClient cloudApi, Gate gate, ConsentLookup consents,
            ServiceWindows windows, FrequencyLedger ledger, RecipientPacer pacer, ContactKeys contactKeys, Clock clock,
            MeterRegistry meters, GatewayProperties properties, SendAuthorities authorities,
            RegisteredCategories categories) {
        this.log = log;
        this.concurrency = properties.send().concurrency();
        this.events = events;
        this.cloudApi = cloudApi;
        this.gate = gate;
        this.consents = consents;
        this.windows = windows;
        this.ledger = ledger;
        this.pacer = pacer;
        this.contactKeys = contactKeys;
        this.clock = clock;
        this.metrics = new SendMetrics(meters);
        this.authorities = authorities;
        this.categories = categories;
    }

    /** A single request; see {@link #processBatch(List)}. */
    public Mono<Void> process(SendRequest request) {
        return processBatch(List.of(request));
    }

    /**
     * A batch of requests: every distinct requestId is claimed (one insertMany per chunk) before it leaves; gate and
     * Cloud API calls run concurrently (within the rate limiter and {@code concurrency}); outcomes are stored with one
     * insertMany per chunk of completed requests and only then published; the returned Mono completes once the broker
     * acknowledged every event of the batch, so the caller may commit the offsets. A requestId repeated inside the
     * batch is handled after the first one has its outcome: it re-publishes that outcome and is never sent again.
     */
    public Mono<Void> processBatch(List<SendRequest> requests) {
        Map<String, Prepared> firsts = new LinkedHashMap<>();
        List<SendRequest> repeats = new ArrayList<>();
        Instant claimedAt = clock.instant();
        for (SendRequest request : requests) {
            if (firsts.containsKey(request.getRequestId())) {
                repeats.add(request);
            } else {
                firsts.put(request.getRequestId(), prepare(request, claimedAt));
            }
        }
        if (firsts.isEmpty()) {
            return Mono.empty();
        }
        Queue<CompletableFuture<?>> published = new ConcurrentLinkedQueue<>();
        // claims go in chunks, the next ones while the calls of the previous chunk are in flight: the calls do not
        // wait for one large insert, and few requests are claimed but not yet called when the process dies
        return Flux.fromIterable(chunks(List.copyOf(firsts.values())))
                .flatMapSequential(this::claimChunk, CLAIMS_AHEAD)
                .concatMapIterable(claimed -> claimed)
                .flatMap(claimed -> claimed.claim().first() ? firstDelivery(claimed.prepared())
                        : redelivered(claimed.claim().previous()), concurrency)
                .bufferTimeout(OUTCOME_CHUNK, OUTCOME_LINGER, true)
                // chunks are stored concurrently: each is a few updates of distinct documents
                .flatMap(chunk -> record(chunk, published), OUTCOME_WRITES_IN_FLIGHT)
                .then(SendMetrics.timed(metrics.awaitAcks, Mono.defer(() -> Mono.fromFuture(CompletableFuture.allOf(
                        published.toArray(CompletableFuture[]::new))))))
                .transform(batch -> SendMetrics.timed(metrics.batch, batch.then()))
                .then(Mono.defer(() -> processBatch(repeats)));
    }

    private Mono<List<Claimed>> claimChunk(List<Prepared> chunk) {
        return SendMetrics.timed(metrics.claim, log.claimAll(chunk.stream().map(Prepared::claim).toList()))
                .map(claims -> chunk.stream()
                        .map(prepared -> new Claimed(prepared, claims.get(prepared.claim().getString("_id"))))
                        .toList());
    }

    private static List<List<Prepared>> chunks(List<Prepared> all) {
        List<List<Prepared>> chunks = new ArrayList<>(all.size() / CLAIM_CHUNK + 1);
        for (int from = 0; from < all.size(); from += CLAIM_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CLAIM_CHUNK)));
        }
        return chunks;
    }

    /** A prepared request and what its claim found. */
    private record Claimed(Prepared prepared, MessageLog.Claim claim) {
    }

    /** The claim (and log document) of a request, with what the gate needs, computed before the claim. */
    private record Prepared(SendRequest request, String contactKey, ConsentFacts consent, Document claim) {
    }

    /** What a request ends with: an outcome to store (state != null) and the event to publish. */
    private record Done(MessageLog.Outcome stored, SpecificRecord event, String requestId) {
    }

    private Prepared prepare(SendRequest request, Instant claimedAt) {
        String contactKey = contactKeys.of(request.getTo());
        ConsentFacts consent = consents.facts(contactKey);
        return new Prepared(request, contactKey, consent, claimDocument(request, contactKey, consent, claimedAt));
    }

    /** The claim of a request: its subjectId is the request's own, else the one its consent was given under. */
    static Document claimDocument(SendRequest request, String contactKey, ConsentFacts consent, Instant claimedAt) {
        String subjectId = request.getSubjectId() != null ? request.getSubjectId()
                : consent == null ? null : consent.subjectId();
        return LogDocuments.claim(request, subjectId, contactKey, claimedAt);
    }

    /** Stores a chunk of outcomes, then hands their events to the producer (acknowledgements awaited per batch). */
    private Mono<Void> record(List<Done> chunk, Queue<CompletableFuture<?>> published) {
        List<MessageLog.Outcome> stored = chunk.stream().map(Done::stored).filter(o -> o != null).toList();
        return SendMetrics.timed(metrics.storeOutcomes, log.outcomes(stored)).then(Mono.fromRunnable(() -> {
            for (Done done : chunk) {
                published.add(events.send(done.event(), done.requestId()));
            }
        }));
    }

    /** Claimed before: re-publish the stored outcome, or declare it ambiguous; never call Meta again. */
    private Mono<Done> redelivered(Document existing) {
        metrics.redelivered();
        Document outcome = existing.get("outcome", Document.class);
        if (outcome == null) {
            outcome = Outcomes.unknownAfterClaim(Events.newEventId(), clock.instant());
            return Mono.just(finish(existing, outcome, null));
        }
        return Mono.just(new Done(null, Outcomes.event(existing, outcome, existing.getString("wamid")),
                existing.getString("_id")));
    }

    private Mono<Done> firstDelivery(Prepared prepared) {
        SendRequest request = prepared.request();
        String contactKey = prepared.contactKey();
        Document logDoc = prepared.claim();
        Outgoing outgoing = categories.outgoing(request, authorities.of(request));
        Instant now = clock.instant();
        long started = System.nanoTime();
        boolean marketing = outgoing.category() == Category.MARKETING;
        // read again, not taken from before the claim: a STOP read meanwhile must count
        ConsentFacts consent = consents.facts(contactKey);
        Decision decision = gate.decide(outgoing, consent, registered(consent), windows.lastInbound(contactKey),
                marketing ? ledger.count(contactKey, now) : 0, now);
        if (decision.allowed() && marketing) {
            // counted before the call so concurrent requests cannot overshoot the cap
            ledger.record(contactKey, now);
        }
        metrics.gate.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (!decision.allowed()) {
            return Mono.just(blocked(logDoc, decision, now));
        }
        Duration wait = pacer.reserve(contactKey, now);
        if (wait.isZero()) {
            return call(request, marketing, contactKey, logDoc);
        }
        return Mono.delay(wait).then(Mono.defer(() -> {
            // a STOP may arrive while the message waits its turn for the recipient: judge again before the call
            Instant later = clock.instant();
            ConsentFacts latest = consents.facts(contactKey);
            Decision again = gate.decide(outgoing, latest, registered(latest), windows.lastInbound(contactKey), 0,
                    later);
            return again.allowed() ? call(request, marketing, contactKey, logDoc)
                    : Mono.just(blocked(logDoc, again, later));
        }));
    }

    /**
     * Whether consent-service registered the number: the consent was found by the number's contactKey, and a
     * subjectId is what consent-service assigns when it accepts a number, after libphonenumber validated it. (A STOP
     * from a number it does not know narrows to facts without one.)
     */
    private static boolean registered(ConsentFacts consent) {
        return consent != null && consent.subjectId() != null;
    }

    /** @param marketing the registered category is MARKETING: Meta takes those on marketing_messages only */
    private Mono<Done> call(SendRequest request, boolean marketing, String contactKey, Document logDoc) {
        return cloudApi.send(request, marketing).map(result -> {
            if (result.errorCode() == CloudApiOutcome.MARKETING_STOPPED) {
                Instant now = clock.instant();
                consents.marketingStoppedAtMeta(contactKey, now, now);
            }
            metrics.called(result);
            Document outcome = Outcomes.of(Events.newEventId(), result, clock.instant());
            return finish(logDoc, outcome, result.wamid());
        });
    }

    private Done blocked(Document logDoc, Decision decision, Instant now) {
        metrics.blocked(decision.refusal());
        return finish(logDoc, Outcomes.blocked(Events.newEventId(), decision.refusal().name(), decision.detail(), now),
                null);
    }

    private static Done finish(Document logDoc, Document outcome, String wamid) {
        return new Done(new MessageLog.Outcome(logDoc.get("_id"), outcome, wamid),
                Outcomes.event(logDoc, outcome, wamid), logDoc.getString("_id"));
    }
}
