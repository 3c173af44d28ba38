package io.consentflow.gateway.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.gateway.app.LoggedMessage;
import io.consentflow.gateway.app.MessageLog;
import io.consentflow.gateway.domain.RequestClaim;
import io.consentflow.gateway.domain.SendOutcome;
import io.consentflow.platform.mongo.MongoCollections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The message log, an adapter that stores and returns the send path's types: per requestId the claim that makes a
 * request go out at most once ({@code message_log}), the call recorded before its HTTP request leaves
 * ({@code message_calls}), its {@link SendOutcome} (kept so a redelivered request re-publishes the same event instead
 * of calling Meta again) and the delivery statuses Meta reported ({@code message_outcomes}), and the requests left
 * without an outcome until their status arrives or their reconciliation time passes ({@code message_unsettled}); see
 * {@link LogDocuments}. It holds the subjectId and the contactKey pseudonym, never the number or the text. A request
 * costs three inserts (four with its {@link OpenClaims} entry, deleted with the outcome), and nothing is ever
 * replaced.
 */
@Component
public class MongoMessageLog implements MessageLog {

    public static final String COLLECTION = "message_log";
    public static final String OUTCOMES = "message_outcomes";
    public static final String CALLS = "message_calls";
    public static final String UNSETTLED = MongoUnsettledRequests.COLLECTION;
    private static final int LOOKUP_CHUNK = 500;
    public static final String OPEN = OpenClaims.COLLECTION;
    private final MongoCollections mongo;
    private final Claims claims;
    private final OpenClaims open;
    private final RecentSendsQuery recentSends;

    MongoMessageLog(MongoCollections mongo) {
        this.mongo = mongo;
        this.claims = new Claims(this::claimsCollection, this::withOutcomes);
        this.open = new OpenClaims(() -> Mono.just(mongo.named(OPEN)));
        this.recentSends = new RecentSendsQuery(claimsCollection(), outcomesCollection(), LOOKUP_CHUNK);
    }

    private Mono<MongoCollection<Document>> callsCollection() {
        return Mono.just(mongo.named(CALLS));
    }

    private Mono<MongoCollection<Document>> claimsCollection() {
        return Mono.just(mongo.named(COLLECTION));
    }

    private Mono<MongoCollection<Document>> outcomesCollection() {
        return Mono.just(mongo.named(OUTCOMES));
    }

    @Override
    public Mono<Void> createIndexes() {
        // unique (Meta's ids are), so status webhooks find their request through the index also on the MongoDB wire
        // server used locally, which answers only unique-index queries without a full scan; claims of earlier
        // versions hold their wamid themselves
        IndexOptions uniqueWamid = new IndexOptions().unique(true).sparse(true);
        return claimsCollection().flatMap(c -> Flux.concat(
                        Mono.from(c.createIndex(Indexes.ascending(LogDocuments.WAMID), uniqueWamid)),
                        Mono.from(c.createIndex(Indexes.ascending("subjectId"))),
                        Mono.from(c.createIndex(Indexes.ascending("campaignId"))),
                        Mono.from(c.createIndex(Indexes.ascending("category", "claimedAt")))).then())
                .then(outcomesCollection().flatMap(c -> Mono.from(c.createIndex(
                        Indexes.ascending(LogDocuments.WAMID), uniqueWamid)))).then();
    }

    /** A claim as stored, merged with its call and outcome. */
    static ClaimState logged(Document merged) {
        Date calling = merged.getDate(LogDocuments.CALLING_AT);
        return new ClaimState(LogDocuments.claimOf(merged), false, calling == null ? null : calling.toInstant(),
                LogDocuments.outcomeOf(merged));
    }

    /**
     * Claims distinct requestIds with one unordered insertMany; see {@link Claims#claimAll}. The requests read from
     * Kafka are entered in {@link OpenClaims} first, so none is claimed without its entry.
     */
    @Override
    public Mono<Map<String, ClaimState>> claimAll(List<RequestClaim> requests) {
        return open.opened(requests).then(claims.claimAll(requests));
    }

    /** The request as the log holds it, or empty. */
    @Override
    public Mono<ClaimState> state(String requestId) {
        return find(requestId).map(MongoMessageLog::logged);
    }

    @Override
    public Mono<Map<String, ClaimState>> states(List<String> requestIds) {
        return merged(requestIds).collectMap(doc -> doc.getString("_id"), MongoMessageLog::logged);
    }

    /** These requests' claims merged with their outcome and call documents, a chunk of claims at a time. */
    private Flux<Document> merged(List<String> requestIds) {
        return byIds(claimsCollection(), requestIds)
                .buffer(LOOKUP_CHUNK).concatMap(this::withOutcomes).flatMapIterable(docs -> docs);
    }

    /**
     * Records the calls of these requests (one unordered insertMany): whoever records a request's call first decides
     * it, by calling Meta or by storing a refusal. Answers the requestIds this attempt now decides; the others were
     * decided by an attempt of their own (a redelivery on another instance).
     */
    @Override
    public Mono<Set<String>> decide(List<CallRecord> calls, Instant at) {
        List<Document> docs = calls.stream().map(call -> new Document("_id", call.requestId())
                .append("at", Date.from(at)).append("token", call.token()).append("call", call.calling())).toList();
        return Claims.insertAll(this::callsCollection, docs, doc -> doc.get("token"));
    }

    /**
     * Stores outcomes with one unordered insertMany and answers the requestIds whose outcome is now the stored one:
     * the first outcome of a request wins (a status webhook may have settled it already), and only a stored outcome
     * is announced.
     */
    @Override
    public Mono<Set<String>> outcomes(List<Decided> outcomes) {
        List<Document> docs = outcomes.stream().map(o -> LogDocuments.outcome(o.requestId(), o.outcome())).toList();
        return Claims.insertAll(this::outcomesCollection, docs,
                doc -> doc.get(LogDocuments.OUTCOME, Document.class).getString("eventId"))
                .flatMap(stored -> open.closed(outcomes.stream().map(Decided::requestId).toList())
                        .thenReturn(stored));
    }

    /** The request as logged (claim, outcome, wamid, statuses), or empty; {@link #timeline(Document)} reads it. */
    public Mono<Document> find(String requestId) {
        return claimsCollection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", requestId)).first()))
                .flatMap(claim -> withOutcomes(List.of(claim)).map(merged -> merged.get(0)));
    }

    /** The claims merged with their outcome and call documents, in the given order (one {@code $in} lookup each). */
    private Mono<List<Document>> withOutcomes(List<Document> claimDocs) {
        List<Object> undecided = claimDocs.stream().filter(doc -> !doc.containsKey(LogDocuments.OUTCOME))
                .map(doc -> doc.get("_id")).toList();
        return outcomesOf(undecided).zipWith(callsOf(undecided)).map(found -> claimDocs.stream().map(claim -> {
            Document merged = LogDocuments.merged(claim, found.getT1().get(claim.get("_id")));
            Document call = found.getT2().get(claim.get("_id"));
            if (call != null && call.getBoolean("call", true)) {
                merged = merged == claim ? new Document(claim) : merged;
                merged.put(LogDocuments.CALLING_AT, call.getDate("at"));
            }
            return merged;
        }).toList());
    }

    private Mono<Map<Object, Document>> callsOf(List<Object> ids) {
        return ids.isEmpty() ? Mono.just(Map.of()) : byIds(callsCollection(), ids).collectMap(doc -> doc.get("_id"));
    }

    private Mono<Map<Object, Document>> outcomesOf(List<Object> ids) {
        return ids.isEmpty() ? Mono.just(Map.of()) : byIds(outcomesCollection(), ids).collectMap(doc -> doc.get("_id"));
    }

    /** The documents with these ids, one {@code $in} lookup per chunk of ids. */
    private static Flux<Document> byIds(Mono<MongoCollection<Document>> collection, List<?> ids) {
        List<List<?>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK)));
        }
        return collection.flatMapMany(c -> Flux.fromIterable(chunks)
                .concatMap(chunk -> Flux.from(c.find(Filters.in("_id", chunk)))));
    }

    /** CLAIMED, CALLING once the call was recorded, then the outcome's type (SENT, FAILED, AMBIGUOUS, BLOCKED). */
    public static String state(Document logged) {
        return LogDocuments.state(logged);
    }

    /** The timeline: claimed, the outcome if stored, then the delivery statuses in the order they were reported. */
    public static List<Document> timeline(Document logged) {
        return LogDocuments.timeline(logged);
    }

    /** See {@link RecentSendsQuery}. */
    @Override
    public Flux<RecentSend> recentSends(Instant marketingSince, Instant pacingSince) {
        return recentSends.since(marketingSince, pacingSince);
    }

    /** The claims read from Kafka that have no outcome yet ({@link OpenClaims}): a short list. */
    @Override
    public Flux<OpenClaim> openClaims() {
        return open.all();
    }

    /**
     * Of these requestIds, the ones claimed and never called ({@link ClaimResumer}); the entries of the others
     * (decided, called, or their claim gone with an erasure) are removed from the open claims.
     */
    @Override
    public Mono<Set<String>> neverCalled(List<String> requestIds) {
        return merged(requestIds)
                .filter(doc -> !doc.containsKey(LogDocuments.OUTCOME) && !doc.containsKey(LogDocuments.CALLING_AT))
                .map(doc -> doc.getString("_id")).collect(Collectors.toSet())
                .flatMap(claimed -> open.closed(requestIds.stream().filter(id -> !claimed.contains(id)).toList())
                        .thenReturn(claimed));
    }

    /** Every log record of a subject, oldest claim first (Art. 15 export; uses the subjectId index). */
    public Flux<Document> bySubject(String subjectId) {
        return claimsCollection().flatMapMany(c -> Flux.from(c.find(Filters.eq("subjectId", subjectId))
                        .sort(Indexes.ascending("claimedAt"))))
                .collectList().flatMap(this::withOutcomes).flatMapIterable(docs -> docs);
    }

    @Override
    public Mono<LoggedMessage> logged(String requestId) {
        return find(requestId).map(LogDocuments::logged);
    }

    @Override
    public Flux<LoggedMessage> loggedOfSubject(String subjectId) {
        return bySubject(subjectId).map(LogDocuments::logged);
    }

    @Override
    public Flux<LoggedMessage> loggedOfCampaign(String campaignId) {
        return byCampaign(campaignId).map(LogDocuments::logged);
    }

    /** Every log record of a campaign with its outcome (the campaign report; uses the campaignId index). */
    public Flux<Document> byCampaign(String campaignId) {
        return claimsCollection().flatMapMany(c -> Flux.from(c.find(Filters.eq("campaignId", campaignId))))
                .buffer(LOOKUP_CHUNK).concatMap(this::withOutcomes).flatMapIterable(docs -> docs);
    }
}
