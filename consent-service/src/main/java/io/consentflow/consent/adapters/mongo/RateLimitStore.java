package io.consentflow.consent.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.consent.app.RateLimitCounters;
import io.consentflow.platform.mongo.MongoCollections;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Component;
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
