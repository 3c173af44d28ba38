package io.consentflow.gateway.send;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The message log ({@code message_log}, one document per requestId): the claim that makes a request go out at most
 * once, its outcome (kept so a redelivered request re-publishes the same event instead of calling Meta again), and
 * its timeline. It holds the subjectId, never the number or the text.
 */
@Component
public class MessageLog {

    static final String COLLECTION = "message_log";
    private final ReactiveMongoTemplate mongo;

    MessageLog(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection(COLLECTION);
    }

    public Mono<Void> createIndexes() {
        return collection().flatMap(c -> Flux.concat(
                Mono.from(c.createIndex(Indexes.ascending("wamid"), new IndexOptions().sparse(true))),
                Mono.from(c.createIndex(Indexes.ascending("subjectId")))).then());
    }

    /** The claim of a requestId: {@code previous} is the existing document when it had been claimed before. */
    record Claim(Document previous) {
        boolean first() {
            return previous == null;
        }
    }

    /** Inserts the claim unless the requestId was claimed before (unique _id: atomic, also across instances). */
    Mono<Claim> claim(String requestId, String subjectId, String category, String purpose, String campaignId,
            Instant now) {
        Document doc = new Document("_id", requestId).append("subjectId", subjectId).append("category", category)
                .append("purpose", purpose).append("campaignId", campaignId).append("state", "CLAIMED")
                .append("claimedAt", Date.from(now))
                .append("timeline", List.of(entry(now, "CLAIMED", null)));
        return collection().flatMap(c -> Mono.from(c.insertOne(doc))).thenReturn(new Claim(null))
                .onErrorResume(MongoWriteException.class, e -> e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        ? find(requestId).map(Claim::new) : Mono.error(e));
    }

    Mono<Document> find(String requestId) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", requestId)).first()));
    }

    /** Records the final outcome and the event that announces it (same eventId on every re-publish). */
    Mono<Void> outcome(String requestId, String state, Document outcome, String wamid, Instant now) {
        var updates = Updates.combine(Updates.set("state", state), Updates.set("outcome", outcome),
                wamid == null ? Updates.unset("wamid") : Updates.set("wamid", wamid),
                Updates.push("timeline", entry(now, state, outcome.getString("detail"))));
        return collection().flatMap(c -> Mono.from(c.updateOne(Filters.eq("_id", requestId), updates))).then();
    }

    /** The request a wamid belongs to, for status webhooks. */
    public Mono<Document> byWamid(String wamid) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("wamid", wamid)).first()));
    }

    public Mono<Void> status(String requestId, String status, Instant at, Integer errorCode) {
        return collection().flatMap(c -> Mono.from(c.updateOne(Filters.eq("_id", requestId),
                Updates.push("timeline", entry(at, "STATUS_" + status,
                        errorCode == null ? null : "error " + errorCode))))).then();
    }

    public Mono<Document> timeline(String requestId) {
        return find(requestId);
    }

    /** Erasure: deletes every log record of the subject; returns how many. */
    public Mono<Long> eraseSubject(String subjectId) {
        return collection().flatMap(c -> Mono.from(c.deleteMany(Filters.eq("subjectId", subjectId))))
                .map(result -> result.getDeletedCount());
    }

    private static Document entry(Instant at, String kind, String detail) {
        Document entry = new Document("at", Date.from(at)).append("kind", kind);
        return detail == null ? entry : entry.append("detail", detail);
    }
}
