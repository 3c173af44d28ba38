package io.consentflow.consent.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.consent.app.RateLimitCounters;
import io.consentflow.platform.mongo.MongoCollections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Fixed-window counters in MongoDB, one document per (key digest, window): {@code {_id: "<digest>@<windowStartMillis>",
 * count, windowEnd}}. Each count is a single atomic {@code $inc} upsert, so every instance shares one limit without
 * transactions; finished windows are deleted explicitly (no TTL index: the wire server in tests has none).
 */
@Component
public final class RateLimitStore implements RateLimitCounters {

    public static final String COLLECTION = "rate_limits";

    private final MongoCollection<Document> collection;

    public RateLimitStore(MongoCollections collections) {
        this.collection = collections.named(COLLECTION);
    }

    /** Counts one attempt and returns the window's count including it. */
    @Override
    public Mono<Long> increment(String digest, Instant windowStart, Instant windowEnd) {
        return Mono.from(collection.findOneAndUpdate(Filters.eq("_id", id(digest, windowStart)),
                        Updates.combine(Updates.inc("count", 1L),
                                Updates.setOnInsert("windowEnd", Date.from(windowEnd))),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)))
                .map(doc -> ((Number) doc.get("count")).longValue())
                // two first attempts in the same window may both try to insert: the loser retries and increments
                .retryWhen(Retry.max(3).filter(RateLimitStore::isDuplicateKey));
    }

    /**
     * One unordered bulk of {@code $inc} upserts (each as atomic as {@link #increment}), then one read of the counts;
     * an upsert that lost a race to insert its window is sent again on its own, the others are not repeated.
     */
    @Override
    public Mono<Map<String, Long>> incrementAll(Map<String, Long> attempts, Instant windowStart, Instant windowEnd) {
        if (attempts.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<UpdateOneModel<Document>> upserts = new ArrayList<>(attempts.size());
        Map<String, String> digestOfId = new HashMap<>();
        attempts.forEach((digest, count) -> {
            String id = id(digest, windowStart);
            digestOfId.put(id, digest);
            upserts.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(Updates.inc("count", count),
                    Updates.setOnInsert("windowEnd", Date.from(windowEnd))), new UpdateOptions().upsert(true)));
        });
        return bulk(upserts, 3)
                .then(Flux.from(collection.find(Filters.in("_id", digestOfId.keySet()))).collectMap(
                        doc -> digestOfId.get(doc.getString("_id")), doc -> ((Number) doc.get("count")).longValue()))
                .flatMap(counts -> counts.size() == attempts.size() ? Mono.just(counts)
                        : Mono.error(new IllegalStateException("a rate-limit window vanished while counted")));
    }

    @Override
    public Mono<Void> decrementAll(Map<String, Long> attempts, Instant windowStart) {
        if (attempts.isEmpty()) {
            return Mono.empty();
        }
        List<UpdateOneModel<Document>> decrements = new ArrayList<>(attempts.size());
        attempts.forEach((digest, count) -> decrements.add(new UpdateOneModel<>(
                Filters.eq("_id", id(digest, windowStart)), Updates.inc("count", -count))));
        return bulk(decrements, 0);
    }

    private Mono<Void> bulk(List<UpdateOneModel<Document>> updates, int duplicateRetries) {
        return Mono.from(collection.bulkWrite(updates, new BulkWriteOptions().ordered(false))).then()
                .onErrorResume(MongoBulkWriteException.class, e -> {
                    List<BulkWriteError> errors = e.getWriteErrors();
                    boolean onlyDuplicates = !errors.isEmpty() && e.getWriteConcernError() == null && errors.stream()
                            .allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY);
                    if (!onlyDuplicates || duplicateRetries == 0) {
                        return Mono.error(e);
                    }
                    // two first attempts in the same window both tried to insert: the losers increment again
                    return bulk(errors.stream().map(error -> updates.get(error.getIndex())).toList(),
                            duplicateRetries - 1);
                });
    }

    /** Gives an attempt back (the other limit refused it, so nothing was sent). */
    @Override
    public Mono<Void> decrement(String digest, Instant windowStart) {
        return Mono.from(collection.updateOne(Filters.eq("_id", id(digest, windowStart)),
                Updates.inc("count", -1L))).then();
    }

    /** Deletes every window that ended before {@code now}; returns how many. */
    @Override
    public Mono<Long> deleteEndedBefore(Instant now) {
        return Mono.from(collection.deleteMany(Filters.lt("windowEnd", Date.from(now))))
                .map(result -> result.getDeletedCount());
    }

    private static String id(String digest, Instant windowStart) {
        return digest + "@" + windowStart.toEpochMilli();
    }

    private static boolean isDuplicateKey(Throwable e) {
        return (e instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY)
                || (e instanceof MongoCommandException command && command.getErrorCode() == 11000);
    }
}
