package io.consentflow.gateway.app;

import io.consentflow.events.SendRequest;
import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.Outgoing;
import io.consentflow.gateway.domain.RequestClaim;
import io.consentflow.rules.contact.ContactKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One batch of send requests, end to end: claim each requestId (at most once, before anything leaves), run the
 * claimed ones ({@link SendAttempt}), store their outcomes and publish them on message-events. A request claimed
 * before is re-published (outcome stored), settled later (call recorded, outcome unknown) or resumed (never called:
 * safe to send).
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
    private final UnsettledRequests unsettledRequests;
    private final int concurrency;
    private final MessageEvents events;
    private final SendAttempt attempts;
    private final ConsentLookup consents;
    private final ContactKeys contactKeys;
    private final Clock clock;
    private final SendMetrics metrics;
    private final SendAuthorities authorities;
    private final RegisteredCategories categories;

    SendPipeline(MessageLog log, UnsettledRequests unsettledRequests, MessageEvents events, SendAttempt attempts, ConsentLookup consents,
            ContactKeys contactKeys, Clock clock, SendMetrics metrics, SendSettings settings,
            SendAuthorities authorities, RegisteredCategories categories) {
        this.log = log;
        this.unsettledRequests = unsettledRequests;
        this.concurrency = settings.concurrency();
        this.events = events;
        this.attempts = attempts;
        this.consents = consents;
        this.contactKeys = contactKeys;
        this.clock = clock;
        this.metrics = metrics;
        this.authorities = authorities;
        this.categories = categories;
    }

    /** A single request; see {@link #processBatch(List)}. */
    public Mono<Void> process(SendRequest request) {
        return processBatch(List.of(request));
    }

    /** Requests that were not read from Kafka (tests, benchmarks): any instance settles them. */
    public Mono<Void> processBatch(List<SendRequest> requests) {
        return processBatch(requests, request -> Source.NONE);
    }

    /** Where a request was read from: its send-requests partition and offset ({@link #NONE}: not from Kafka). */
    public record Source(int partition, long offset) {
        public static final Source NONE = new Source(-1, -1);
    }

    /**
     * A batch of requests: every distinct requestId is claimed (one insertMany per chunk) before it leaves; gate and
     * Cloud API calls run concurrently (within the rate limiter and {@code concurrency}); outcomes are stored with one
     * insertMany per chunk of completed requests and only then published; the returned Mono completes once the broker
     * acknowledged every event of the batch and every unsettled request was recorded, so the caller may commit the
     * offsets. A requestId repeated inside the batch is handled after the first one: it is never sent again.
     *
     * @param sourceOf where each request was read from
     */
    public Mono<Void> processBatch(List<SendRequest> requests, Function<SendRequest, Source> sourceOf) {
        Map<String, SendAttempt.Prepared> firsts = new LinkedHashMap<>();
        List<SendRequest> repeats = new ArrayList<>();
        Instant claimedAt = clock.instant();
        for (SendRequest request : requests) {
            if (firsts.containsKey(request.getRequestId())) {
                repeats.add(request);
            } else {
                firsts.put(request.getRequestId(), prepare(request, claimedAt, sourceOf.apply(request)));
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
                .flatMap(this::handle, concurrency)
                .bufferTimeout(OUTCOME_CHUNK, OUTCOME_LINGER, true)
                // chunks are stored concurrently: each is a few inserts of distinct documents
                .flatMap(chunk -> record(chunk, published), OUTCOME_WRITES_IN_FLIGHT)
                .then(SendMetrics.timed(metrics.awaitAcks, Mono.defer(() -> Mono.fromFuture(CompletableFuture.allOf(
                        published.toArray(CompletableFuture[]::new))))))
                .transform(batch -> SendMetrics.timed(metrics.batch, batch.then()))
                .then(Mono.defer(() -> processBatch(repeats, sourceOf)));
    }

    /** A prepared request and what its claim found. */
    private record Claimed(SendAttempt.Prepared prepared, MessageLog.ClaimState state) {
    }

    private Mono<List<Claimed>> claimChunk(List<SendAttempt.Prepared> chunk) {
        return SendMetrics.timed(metrics.claim, log.claimAll(chunk.stream().map(SendAttempt.Prepared::claim)
                        .toList()))
                .map(states -> chunk.stream()
                        .map(prepared -> new Claimed(prepared, states.get(prepared.claim().requestId())))
                        .toList());
    }

    private static List<List<SendAttempt.Prepared>> chunks(List<SendAttempt.Prepared> all) {
        List<List<SendAttempt.Prepared>> chunks = new ArrayList<>(all.size() / CLAIM_CHUNK + 1);
        for (int from = 0; from < all.size(); from += CLAIM_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CLAIM_CHUNK)));
        }
        return chunks;
    }

    private Mono<SendAttempt.Done> handle(Claimed claimed) {
        MessageLog.ClaimState state = claimed.state();
        if (state.ours()) {
            return attempts.run(claimed.prepared());
        }
        metrics.redelivered();
        if (state.outcome() != null) {
            return Mono.just(SendAttempt.Done.republish(state.claim(), state.outcome()));
        }
        if (state.callingAt() != null) {
            // it may have left: never called again; its status webhook or the reconciler settles it
            return Mono.just(SendAttempt.Done.unsettled(state.claim(), state.callingAt()));
        }
        // claimed, never called (a crash between claim and call): safe to send. Judged as it is now (the stored
        // claim may be an earlier version's, without a contactKey); the call record decides it, as for any attempt
        return attempts.run(claimed.prepared());
    }

    private SendAttempt.Prepared prepare(SendRequest request, Instant claimedAt, Source source) {
        String contactKey = contactKeys.of(request.getTo());
        Outgoing outgoing = categories.outgoing(request, authorities.of(request));
        return new SendAttempt.Prepared(claim(request, outgoing, contactKey, consents.facts(contactKey), claimedAt,
                source), outgoing, SendRequests.message(request));
    }

    /**
     * The claim of a request: its subjectId is the request's own, else the one its consent was given under; its
     * category the one the gate judges by (a template's registered category, not the declared one).
     */
    public static RequestClaim claim(SendRequest request, Outgoing outgoing, String contactKey, ConsentFacts consent,
            Instant claimedAt, Source source) {
        String subjectId = request.getSubjectId() != null ? request.getSubjectId()
                : consent == null ? null : consent.subjectId();
        return new RequestClaim(request.getRequestId(), subjectId, contactKey, outgoing.category(),
                request.getPurpose(), request.getTemplate() == null ? null : request.getTemplate().getName(),
                request.getCampaignId(), claimedAt, source.partition(), source.offset());
    }

    /**
     * Stores a chunk's outcomes and unsettled requests, then hands the events of the outcomes now stored (and of the
     * re-published ones) to the producer; acknowledgements are awaited per batch. An outcome that lost to one stored
     * first (a status webhook settled the request during the call) is not announced; the stored one is announced
     * again, identically (consumers dedupe by eventId): the instance that stored it may have died before publishing,
     * Meta's retry of that webhook finds the wamid known and settles nothing, and once this batch's offsets are
     * committed nothing else would ever announce it (seen in the chaos suite: "outcome stored (SENT), not announced").
     */
    private Mono<Void> record(List<SendAttempt.Done> chunk, Queue<CompletableFuture<?>> published) {
        List<MessageLog.Decided> decided = chunk.stream().filter(d -> d.outcome() != null && !d.alreadyStored())
                .map(d -> new MessageLog.Decided(d.claim().requestId(), d.outcome())).toList();
        List<UnsettledRequests.Unsettled> unsettled = chunk.stream().filter(d -> d.unsettledSince() != null)
                .map(d -> new UnsettledRequests.Unsettled(d.claim().requestId(), d.claim().partition(),
                        d.unsettledSince()))
                .toList();
        Mono<Set<String>> stored = decided.isEmpty() ? Mono.just(Set.of()) : log.outcomes(decided);
        return SendMetrics.timed(metrics.storeOutcomes, stored)
                .flatMap(ids -> (unsettled.isEmpty() ? Mono.<Void>empty() : unsettledRequests.add(unsettled))
                        .then(Mono.fromRunnable(() -> {
                            for (SendAttempt.Done done : chunk) {
                                if (done.outcome() != null
                                        && (done.alreadyStored() || ids.contains(done.claim().requestId()))) {
                                    published.add(events.send(OutcomeEvents.of(done.claim(), done.outcome()),
                                            done.claim().requestId()));
                                }
                            }
                        }))
                        .then(announceWinners(decided.stream().map(MessageLog.Decided::requestId)
                                .filter(id -> !ids.contains(id)).toList(), published)));
    }

    /** The outcomes another writer stored first, announced again with their own eventIds (one lookup per chunk). */
    private Mono<Void> announceWinners(List<String> lost, Queue<CompletableFuture<?>> published) {
        if (lost.isEmpty()) {
            return Mono.empty();
        }
        return log.states(lost).doOnNext(states -> states.forEach((requestId, state) -> {
            if (state.outcome() != null) {
                published.add(events.send(OutcomeEvents.of(state.claim(), state.outcome()), requestId));
            }
        })).then();
    }
}
