package io.consentflow.retention.adapters.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import io.consentflow.retention.app.ProcessedEvents;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ProcessedEvents} in MongoDB: one document per event id. Purged explicitly after a while (no TTL index: the
 * test wire server has none, and deletions here are meant to be explicit anyway).
 */
@Repository
class MongoProcessedEvents implements ProcessedEvents {

    static final String COLLECTION = "processed_events";

    private final ReactiveMongoTemplate mongo;

    MongoProcessedEvents(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Boolean> seen(String eventId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(eventId)), COLLECTION);
    }

    @Override
    public Mono<Void> remember(String eventId, Instant now) {
        return mongo.insert(new Document("_id", eventId).append("at", Date.from(now)), COLLECTION)
                .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()).then();
    }

    @Override
    public Mono<Set<String>> seenAmong(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Mono.just(Set.of());
        }
        return mongo.getCollection(COLLECTION)
                .flatMapMany(collection -> Flux.from(collection.find(Filters.in("_id", eventIds))
                        .projection(Projections.include("_id")).batchSize(eventIds.size())))
                .map(document -> document.getString("_id")).collect(Collectors.toSet());
    }

    /** One unordered insert; ids remembered before are fine. */
    @Override
    public Mono<Void> rememberAll(Collection<String> eventIds, Instant now) {
        if (eventIds.isEmpty()) {
            return Mono.empty();
        }
        Date at = Date.from(now);
        List<Document> documents = eventIds.stream().map(id -> new Document("_id", id).append("at", at)).toList();
        return mongo.getCollection(COLLECTION)
                .flatMap(collection -> Mono.from(collection.insertMany(documents,
                        new InsertManyOptions().ordered(false))))
                .then()
                .onErrorResume(MongoBulkWriteException.class, e -> e.getWriteErrors().stream()
                        .allMatch(MongoDeadlineStore::isDuplicateKey) ? Mono.empty() : Mono.error(e));
    }

    @Override
    public Mono<Long> purgeBefore(Instant cutoff) {
        return mongo.remove(Query.query(Criteria.where("at").lt(Date.from(cutoff))), COLLECTION)
                .map(result -> result.getDeletedCount());
    }
}
