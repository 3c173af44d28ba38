package io.consentflow.gateway.send;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.events.SendRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The message log ({@code message_log}, one document per requestId): the claim that makes a request go out at most
 * once, its outcome (kept so a redelivered request re-publishes the same event instead of calling Meta again), and
 * the delivery statuses Meta reported. It holds the subjectId, never the number or the text.
 *
 * <p>A request costs two writes: the claim insert and one replacement that adds the outcome. The state and the
 * claimed and outcome entries of the timeline are read from those fields ({@link #state}, {@link #timeline}) instead
 * of being stored a second time: on the MongoDB wire server an update with {@code $set}s and a {@code $push} cost
 * about twice a replacement per document, and it is the server every send waits for.
 */
@Component
public class MessageLog {

    static final String COLLECTION = "message_log";
    private static final String STATUSES = "statuses";
    /** Stored by versions that kept the state and a full timeline in the document; read, never written. */
    private static final String LEGACY_STATE = "state";
    private static final String LEGACY_TIMELINE = "timeline";
    private final ReactiveMongoTemplate mongo;

    MessageLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection(COLLECTION);
    }

    public Mono<Void> createIndexes() {
        return collection().flatMap(c -> Flux.concat(
                // unique (Meta's ids are), so status webhooks find their request through the index also on the
                // MongoDB wire server used locally, which answers only unique-index queries without a full scan
                Mono.from(c.createIndex(Indexes.ascending("wamid"), new IndexOptions().unique(true).sparse(true))),
                Mono.from(c.createIndex(Indexes.ascending("subjectId"))),
                Mono.from(c.createIndex(Indexes.ascending("category", "claimedAt")))).then());
    }

    /** The claim of a requestId: {@code previous} is the existing document when it had been claimed before. */
    record Claim(Document previous) {
        boolean first() {
            return previous == null;
        }
    }

    /**
     * A claim document. It keeps the contactKey (the HMAC pseudonym, never the number) so the frequency ledger and
     * the recipient pacer can be rebuilt from the log after a restart; {@code claimToken} (added by
     * {@link #claimAll}) tells this attempt's own inserts from older claims of the same id.
     */
    static Document claimDocument(SendRequest request, String subjectId, String contactKey, Instant now) {
        return new Document("_id", request.getRequestId()).append("subjectId", subjectId)
                .append("contactKey", contactKey).append("category", request.getCategory().name())
                .append("purpose", request.getPurpose())
                .append("template", request.getTemplate() == null ? null : request.getTemplate().getName())
                .append("campaignId", request.getCampaignId()).append("claimedAt", Date.from(now));
    }

    /** Inserts the claim unless the requestId was claimed before (unique _id: atomic, also across instances). */
    Mono<Claim> claim(Document doc) {
        return collection().flatMap(c -> Mono.from(c.insertOne(doc))).thenReturn(new Claim(null))
                .onErrorResume(MongoWriteException.class, e -> e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        ? find(doc.getString("_id")).map(Claim::new) : Mono.error(e));
    }

    /**
     * Claims distinct requestIds with one unordered insertMany (one round trip). On duplicate keys the documents of
     * the whole batch are read back once: a document carrying this attempt's token is our own claim, any other was
     * claimed before. A document that is absent (the server did not attempt it) is claimed on its own.
     */
    Mono<Map<String, Claim>> claimAll(List<Document> docs) {
        if (docs.isEmpty()) {
            return Mono.just(Map.of());
        }
        String token = UUID.randomUUID().toString();
        docs.forEach(doc -> doc.append("claimToken", token));
        return collection().flatMap(c -> Mono.from(c.insertMany(docs, new InsertManyOptions().ordered(false)))
                .then(Mono.fromSupplier(() -> {
                    Map<String, Claim> claims = new HashMap<>();
                    docs.forEach(doc -> claims.put(doc.getString("_id"), new Claim(null)));
                    return claims;
                }))
                .onErrorResume(MongoBulkWriteException.class, e -> resolve(c, docs, token, e)));
    }

    private Mono<Map<String, Claim>> resolve(MongoCollection<Document> c, List<Document> docs, String token,
            MongoBulkWriteException e) {
        for (BulkWriteError error : e.getWriteErrors()) {
            if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                return Mono.error(e);
            }
        }
        List<String> ids = docs.stream().map(doc -> doc.getString("_id")).toList();
        return Flux.from(c.find(Filters.in("_id", ids))).collectMap(doc -> doc.getString("_id")).flatMap(found -> {
            Map<String, Claim> claims = new HashMap<>();
            List<Document> missing = new ArrayList<>();
            for (Document doc : docs) {
                Document stored = found.get(doc.getString("_id"));
                if (stored == null) {
                    missing.add(doc);
                } else {
                    claims.put(doc.getString("_id"),
                            new Claim(token.equals(stored.getString("claimToken")) ? null : stored));
                }
            }
            return Flux.fromIterable(missing).concatMap(doc -> claim(doc).doOnNext(
                    claim -> claims.put(doc.getString("_id"), claim))).then(Mono.just(claims));
        });
    }

    Mono<Document> find(String requestId) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", requestId)).first()));
    }

    /** One final outcome to record: the claim document as stored, the outcome, and Meta's wamid if it was sent. */
    record Outcome(Document claim, Document outcome, String wamid) {
    }

    /** Records the final outcomes of a batch with one unordered bulkWrite (each replaces its own claim document). */
    Mono<Void> outcomes(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Mono.empty();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            writes.add(new ReplaceOneModel<>(new Document("_id", o.claim().get("_id")), withOutcome(o)));
        }
        return collection().flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .then();
    }

    /**
     * The claim with its outcome and wamid. No status can be lost by replacing: statuses are appended only to
     * documents found by their wamid, which this replacement is the first to write. Fields of the log written before
     * the state and timeline were derived are dropped, so such a document reads like a new one.
     */
    static Document withOutcome(Outcome o) {
        Document replacement = new Document(o.claim());
        replacement.remove(LEGACY_STATE);
        replacement.remove(LEGACY_TIMELINE);
        replacement.put("outcome", o.outcome());
        if (o.wamid() != null) {
            replacement.put("wamid", o.wamid());
        }
        return replacement;
    }

    /** CLAIMED until the outcome is stored, then the outcome's type (SENT, FAILED, AMBIGUOUS, BLOCKED). */
    public static String state(Document logDoc) {
        Document outcome = logDoc.get("outcome", Document.class);
        return outcome == null ? "CLAIMED" : outcome.getString("type");
    }

    /** The timeline: claimed, the outcome if stored, then the delivery statuses in the order they were reported. */
    public static List<Document> timeline(Document logDoc) {
        List<Document> entries = new ArrayList<>();
        if (logDoc.containsKey(LEGACY_TIMELINE)) {
            entries.addAll(logDoc.getList(LEGACY_TIMELINE, Document.class));
        } else {
            entries.add(entry(logDoc.getDate("claimedAt"), "CLAIMED", null));
            Document outcome = logDoc.get("outcome", Document.class);
            if (outcome != null) {
                entries.add(entry(outcome.getDate("at"), outcome.getString("type"), outcome.getString("detail")));
            }
        }
        entries.addAll(logDoc.getList(STATUSES, Document.class, List.of()));
        return entries;
    }

    /**
     * The requests that were let through (not BLOCKED) since {@code pacingSince} in any category, and since
     * {@code marketingSince} for MARKETING: what the frequency ledger and the recipient pacer were built from before
     * a restart. Only contactKey, category and claimedAt are read.
     */
    Flux<Document> recentSends(Instant marketingSince, Instant pacingSince) {
        var marketing = Filters.and(Filters.eq("category", "MARKETING"),
                Filters.gte("claimedAt", Date.from(marketingSince)));
        var filter = Filters.and(Filters.ne("outcome.type", Outcomes.BLOCKED), Filters.exists("contactKey"),
                Filters.or(marketing, Filters.gte("claimedAt", Date.from(pacingSince))));
        return collection().flatMapMany(c -> Flux.from(c.find(filter)
                .projection(new Document("contactKey", 1).append("category", 1).append("claimedAt", 1))));
    }

    /**
     * The requests these wamids belong to (one query on the unique wamid index), for status webhooks: wamid → a
     * document with _id, subjectId, category and contactKey. Unknown wamids are absent.
     */
    public Mono<Map<String, Document>> byWamids(Collection<String> wamids) {
        if (wamids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return collection().flatMapMany(c -> Flux.from(c.find(Filters.in("wamid", wamids))
                        .projection(new Document("wamid", 1).append("subjectId", 1).append("category", 1)
                                .append("contactKey", 1))))
                .collectMap(doc -> doc.getString("wamid"));
    }

    /** A delivery status reported by a webhook, for the timeline of its request. */
    public record StatusEntry(String requestId, String status, Instant at, Integer errorCode) {
    }

    /** Appends the statuses of one webhook delivery to their requests' documents (one unordered bulkWrite). */
    public Mono<Void> statuses(List<StatusEntry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        List<WriteModel<Document>> writes = new ArrayList<>(entries.size());
        for (StatusEntry e : entries) {
            writes.add(new UpdateOneModel<>(new Document("_id", e.requestId()), new Document("$push",
                    new Document(STATUSES, entry(Date.from(e.at()), "STATUS_" + e.status(),
                            e.errorCode() == null ? null : "error " + e.errorCode())))));
        }
        return collection().flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .then();
    }

    public Mono<Document> timeline(String requestId) {
        return find(requestId);
    }

    /** Every log record of a subject, oldest claim first (Art. 15 export; uses the subjectId index). */
    public Flux<Document> bySubject(String subjectId) {
        return collection().flatMapMany(c -> Flux.from(c.find(Filters.eq("subjectId", subjectId))
                .sort(Indexes.ascending("claimedAt"))));
    }

    /** Erasure: deletes every log record of the subject; returns how many. */
    public Mono<Long> eraseSubject(String subjectId) {
        return collection().flatMap(c -> Mono.from(c.deleteMany(Filters.eq("subjectId", subjectId))))
                .map(result -> result.getDeletedCount());
    }

    private static Document entry(Date at, String kind, String detail) {
        Document entry = new Document("at", at).append("kind", kind);
        return detail == null ? entry : entry.append("detail", detail);
    }
}
