package io.consentflow.retention.mongo;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Event ids already handled, so a redelivered event is skipped. Purged explicitly after a while (no TTL index: the
 * test wire server has none, and deletions here are meant to be explicit anyway).
 */
@Repository
public class ProcessedEvents {

    static final String COLLECTION = "processed_events";

    private final ReactiveMongoTemplate mongo;

    public ProcessedEvents(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<Boolean> seen(String eventId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(eventId)), COLLECTION);
    }

    public Mono<Void> remember(String eventId, Instant now) {
        return mongo.insert(new Document("_id", eventId).append("at", Date.from(now)), COLLECTION)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()).then();
    }

    public Mono<Long> purgeBefore(Instant cutoff) {
        return mongo.remove(Query.query(Criteria.where("at").lt(Date.from(cutoff))), COLLECTION)
                .map(result -> result.getDeletedCount());
    }
}
