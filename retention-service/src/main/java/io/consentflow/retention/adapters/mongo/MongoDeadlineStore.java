package io.consentflow.retention.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.retention.app.DeadlineStore;
import io.consentflow.retention.domain.Deadline;
import io.consentflow.retention.domain.DeadlineKey;
import io.consentflow.retention.domain.DeadlineKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link DeadlineStore} in MongoDB: deadlines, one document per subject and kind. Every write is a single-document
 * conditional update (no transactions needed): event handling replaces on the version it read; a scheduler replica
 * claims with findAndModify.
 */
@Repository
class MongoDeadlineStore implements DeadlineStore {

    static final String COLLECTION = "deadlines";

    private final MongoCollection<Document> deadlines;

    MongoDeadlineStore(MongoCollections collections) {
        this.deadlines = collections.named(COLLECTION);
    }

    @Override
    public Mono<Deadline> find(DeadlineKey key) {
        return Mono.from(deadlines.find(new Document("_id", key.id())).first()).map(MongoDeadlineStore::fromDocument);
    }

    @Override
    public Flux<Deadline> bySubject(String subjectId) {
        return Flux.from(deadlines.find(new Document("subjectId", subjectId)).sort(Sorts.ascending("dueAt")))
                .map(MongoDeadlineStore::fromDocument);
    }

    @Override
    public Flux<Deadline> scheduled() {
        return Flux.from(deadlines.find(new Document("status", Deadline.Status.SCHEDULED.name())))
                .map(MongoDeadlineStore::fromDocument);
    }

    @Override
    public Mono<Map<DeadlineKey, Deadline>> findAll(Collection<DeadlineKey> keys) {
        if (keys.isEmpty()) {
            return Mono.just(Map.of());
        }
        List<String> ids = keys.stream().map(DeadlineKey::id).toList();
        return Flux.from(deadlines.find(new Document("_id", new Document("$in", ids))))
                .map(MongoDeadlineStore::fromDocument).collectMap(Deadline::key);
    }

    /**
     * One unordered bulk write. A replace is an upsert on (_id, version): when
     * the version moved on it tries to insert the existing _id and fails with a duplicate key error that names its
     * index, so every conflict is known without reading back (the bulk result itself only has counts).
     */
    @Override
    public Mono<Set<DeadlineKey>> saveAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return Mono.just(Set.of());
        }
        List<WriteModel<Document>> writes = changes.stream().map(MongoDeadlineStore::write).toList();
        return Mono.from(deadlines.bulkWrite(writes, new BulkWriteOptions().ordered(false)))
                .map(result -> Set.<DeadlineKey>of())
                .onErrorResume(MongoBulkWriteException.class, e -> e.getWriteErrors().stream()
                        .allMatch(MongoDeadlineStore::isDuplicateKey)
                        ? Mono.just(e.getWriteErrors().stream().map(error -> changes.get(error.getIndex()).next().key())
                                .collect(Collectors.toSet()))
                        : Mono.error(e));
    }

    private static WriteModel<Document> write(Change change) {
        Document document = toDocument(change.next(), change.next().version() + 1);
        if (change.previous() == null) {
            return new InsertOneModel<>(document);
        }
        // a flat {_id, version} filter (Filters.and renders $and, which no index of the wire server serves)
        Document sameVersion = new Document("_id", change.next().key().id())
                .append("version", change.previous().version());
        return new ReplaceOneModel<>(sameVersion, document, new ReplaceOptions().upsert(true));
    }

    static boolean isDuplicateKey(BulkWriteError error) {
        return error.getCode() == 11000;
    }

    @Override
    public Mono<Boolean> save(Deadline next, Deadline previous) {
        Document document = toDocument(next, next.version() + 1);
        if (previous == null) {
            return Mono.from(deadlines.insertOne(document)).thenReturn(true)
                    .onErrorResume(MongoDeadlineStore::isDuplicateKey, e -> Mono.just(false));
        }
        Document sameVersion = new Document("_id", next.key().id()).append("version", previous.version());
        return Mono.from(deadlines.findOneAndReplace(sameVersion, document)).hasElement();
    }

    static boolean isDuplicateKey(Throwable error) {
        return error instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    /** One atomic findAndModify: two replicas never get the same deadline. */
    @Override
    public Mono<Deadline> claimNextDue(Instant now, String owner, Duration lease) {
        Date at = Date.from(now);
        Document due = new Document("$or", List.of(
                new Document("status", Deadline.Status.SCHEDULED.name()).append("dueAt", new Document("$lte", at)),
                new Document("status", Deadline.Status.FIRING.name()).append("leaseUntil", new Document("$lt", at))));
        Document claim = new Document("$set", new Document("status", Deadline.Status.FIRING.name())
                .append("owner", owner).append("leaseUntil", Date.from(now.plus(lease))).append("updatedAt", at))
                .append("$inc", new Document("version", 1));
        return Mono.from(deadlines.findOneAndUpdate(due, claim, new FindOneAndUpdateOptions()
                        .sort(Sorts.ascending("dueAt")).returnDocument(ReturnDocument.AFTER)))
                .map(MongoDeadlineStore::fromDocument);
    }

    @Override
    public Mono<Boolean> markFired(Deadline claimed, String owner, Instant now) {
        return transition(claimed, owner, Deadline.Status.FIRED, now);
    }

    @Override
    public Mono<Boolean> release(Deadline claimed, String owner, Instant now) {
        return transition(claimed, owner, Deadline.Status.SCHEDULED, now);
    }

    private Mono<Boolean> transition(Deadline claimed, String owner, Deadline.Status next, Instant now) {
        Document mine = new Document("_id", claimed.key().id()).append("status", Deadline.Status.FIRING.name())
                .append("owner", owner);
        Document update = new Document("$set", new Document("status", next.name()).append("updatedAt", Date.from(now)))
                .append("$unset", new Document("owner", "").append("leaseUntil", ""))
                .append("$inc", new Document("version", 1));
        return Mono.from(deadlines.updateOne(mine, update)).map(result -> result.getModifiedCount() > 0);
    }

    static Document toDocument(Deadline deadline, long version) {
        return new Document("_id", deadline.key().id())
                .append("subjectId", deadline.key().subjectId())
                .append("kind", deadline.key().kind().name())
                .append("purpose", deadline.key().purpose())
                .append("status", deadline.status().name())
                .append("dueAt", Date.from(deadline.dueAt()))
                .append("reason", deadline.reason().name())
                .append("erasureId", deadline.erasureId())
                .append("lastEventId", deadline.lastEventId())
                .append("updatedAt", Date.from(deadline.updatedAt()))
                .append("version", version);
    }

    static Deadline fromDocument(Document document) {
        DeadlineKey key = new DeadlineKey(document.getString("subjectId"),
                DeadlineKind.valueOf(document.getString("kind")), document.getString("purpose"));
        return new Deadline(key, Deadline.Status.valueOf(document.getString("status")),
                document.getDate("dueAt").toInstant(), DeadlineKind.Reason.valueOf(document.getString("reason")),
                document.getString("erasureId"), document.getString("lastEventId"),
                document.getDate("updatedAt").toInstant(), ((Number) document.get("version")).longValue());
    }
}
