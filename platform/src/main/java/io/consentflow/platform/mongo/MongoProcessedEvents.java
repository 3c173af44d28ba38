package io.consentflow.platform.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.platform.idempotency.ProcessedEvents;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ProcessedEvents} in one MongoDB collection per consumer: one document {@code {_id: eventId, at: Date}} per
 * id, found with one {@code $in} query and written with one unordered insertMany ({@link FirstInserts}). Forgotten
 * explicitly by {@code at} (no TTL index: the wire server of tests has none, and deletions are meant to be explicit).
 */
public final class MongoProcessedEvents implements ProcessedEvents {

    private final MongoCollection<Document> collection;

    public MongoProcessedEvents(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /** The consumer's ids in {@code collection} of the service's database. */
    public static MongoProcessedEvents in(MongoCollections collections, String collection) {
        return new MongoProcessedEvents(collections.named(collection));
    }

    /** The index the purge ranges over; run before the consumer starts (e.g. from a {@code StartupTask}). */
    public Mono<Void> ensureIndexes() {
        return Mono.from(collection.createIndex(Indexes.ascending("at"), new IndexOptions().name("at"))).then();
    }

    @Override
    public Mono<Set<String>> seenAmong(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Mono.just(Set.of());
        }
        return Flux.from(collection.find(Filters.in("_id", eventIds)).projection(Projections.include("_id"))
                        .batchSize(eventIds.size()))
                .map(document -> document.getString("_id")).collect(Collectors.toSet());
    }

    /** One unordered insert; ids remembered before are fine, any other write error fails (nothing is half-kept). */
    @Override
    public Mono<Void> rememberAll(Collection<String> eventIds, Instant at) {
        if (eventIds.isEmpty()) {
            return Mono.empty();
        }
        Date when = Date.from(at);
        List<Document> documents = eventIds.stream().map(id -> new Document("_id", id).append("at", when)).toList();
        return FirstInserts.insert(collection, documents).then();
    }

    @Override
    public Mono<Long> forgetBefore(Instant cutoff) {
        return Mono.from(collection.deleteMany(Filters.lt("at", Date.from(cutoff)))).map(r -> r.getDeletedCount());
    }
}
