package io.consentflow.retention.adapters.mongo;

import io.consentflow.retention.app.ErasureStore;
import io.consentflow.retention.domain.DeadlineKind;
import io.consentflow.retention.domain.Erasure;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link ErasureStore} in MongoDB: one document per erasureId, updated on the version read. */
@Repository
class MongoErasureStore implements ErasureStore {

    static final String COLLECTION = "erasures";
    private static final String AWAITING = Erasure.Status.AWAITING_RECEIPTS.name();

    private final ReactiveMongoTemplate mongo;

    MongoErasureStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Erasure> insertIfAbsent(Erasure erasure) {
        return mongo.insert(toDocument(erasure, 0), COLLECTION).map(MongoErasureStore::fromDocument)
                .onErrorResume(DuplicateKeyException.class, e -> find(erasure.erasureId()));
    }

    @Override
    public Mono<Erasure> find(String erasureId) {
        return mongo.findById(erasureId, Document.class, COLLECTION).map(MongoErasureStore::fromDocument);
    }

    @Override
    public Flux<Erasure> awaitingForSubject(String subjectId) {
        return mongo.find(Query.query(Criteria.where("subjectId").is(subjectId).and("status").is(AWAITING)),
                Document.class, COLLECTION).map(MongoErasureStore::fromDocument);
    }

    @Override
    public Flux<Erasure> bySubject(String subjectId) {
        return mongo.find(Query.query(Criteria.where("subjectId").is(subjectId)).with(Sort.by("requestedAt")),
                Document.class, COLLECTION).map(MongoErasureStore::fromDocument);
    }

    @Override
    public Flux<Erasure> awaiting(int limit) {
        return mongo.find(Query.query(Criteria.where("status").is(AWAITING)).with(Sort.by("requestedAt")).limit(limit),
                Document.class, COLLECTION).map(MongoErasureStore::fromDocument);
    }

    @Override
    public Flux<Erasure> overdue(Instant now) {
        return mongo.find(Query.query(Criteria.where("status").is(AWAITING).and("overdueAt").lte(Date.from(now)))
                .with(Sort.by("overdueAt")), Document.class, COLLECTION).map(MongoErasureStore::fromDocument);
    }

    @Override
    public Mono<Boolean> save(Erasure next, Erasure previous) {
        Query sameVersion = Query.query(Criteria.where("_id").is(next.erasureId()).and("version").is(previous.version()));
        return mongo.findAndReplace(sameVersion, toDocument(next, previous.version() + 1), COLLECTION).hasElement();
    }

    @Override
    public Mono<Boolean> markOverdueReported(String erasureId) {
        Query notYet = Query.query(Criteria.where("_id").is(erasureId).and("overdueReported").is(false));
        return mongo.updateFirst(notYet, new Update().set("overdueReported", true).inc("version", 1), COLLECTION)
                .map(result -> result.getModifiedCount() > 0);
    }

    static Document toDocument(Erasure erasure, long version) {
        List<Document> receipts = erasure.receipts().entrySet().stream()
                .map(entry -> new Document("type", entry.getKey()).append("eventId", entry.getValue())).toList();
        return new Document("_id", erasure.erasureId())
                .append("commandEventId", erasure.commandEventId())
                .append("subjectId", erasure.subjectId())
                .append("kind", erasure.kind().name())
                .append("scope", erasure.scope().name())
                .append("reason", erasure.reason().name())
                .append("purpose", erasure.purpose())
                .append("dueAt", Date.from(erasure.dueAt()))
                .append("requestedAt", Date.from(erasure.requestedAt()))
                .append("requiredReceipts", erasure.requiredReceipts())
                .append("receipts", receipts)
                .append("status", erasure.status().name())
                .append("overdueAt", Date.from(erasure.overdueAt()))
                .append("completedAt", erasure.completedAt() == null ? null : Date.from(erasure.completedAt()))
                .append("overdueReported", erasure.overdueReported())
                .append("version", version);
    }

    static Erasure fromDocument(Document document) {
        Map<String, String> receipts = new LinkedHashMap<>();
        for (Document receipt : document.getList("receipts", Document.class, List.of())) {
            receipts.put(receipt.getString("type"), receipt.getString("eventId"));
        }
        Date completedAt = document.getDate("completedAt");
        return new Erasure(document.getString("_id"), document.getString("commandEventId"),
                document.getString("subjectId"), DeadlineKind.valueOf(document.getString("kind")),
                DeadlineKind.Scope.valueOf(document.getString("scope")),
                DeadlineKind.Reason.valueOf(document.getString("reason")), document.getString("purpose"),
                document.getDate("dueAt").toInstant(), document.getDate("requestedAt").toInstant(),
                document.getList("requiredReceipts", String.class), receipts,
                Erasure.Status.valueOf(document.getString("status")), document.getDate("overdueAt").toInstant(),
                completedAt == null ? null : completedAt.toInstant(), document.getBoolean("overdueReported", false),
                ((Number) document.get("version")).longValue());
    }
}
