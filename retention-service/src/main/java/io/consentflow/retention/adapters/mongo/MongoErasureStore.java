package io.consentflow.retention.adapters.mongo;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.retention.app.ErasureStore;
import io.consentflow.retention.domain.DeadlineKind;
import io.consentflow.retention.domain.Erasure;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link ErasureStore} in MongoDB: one document per erasureId, updated on the version read. */
@Repository
class MongoErasureStore implements ErasureStore {

    static final String COLLECTION = "erasures";
    private static final String AWAITING = Erasure.Status.AWAITING_RECEIPTS.name();

    private final MongoCollection<Document> erasures;

    MongoErasureStore(MongoCollections collections) {
        this.erasures = collections.named(COLLECTION);
    }

    @Override
    public Mono<Erasure> insertIfAbsent(Erasure erasure) {
        Document document = toDocument(erasure, 0);
        return Mono.from(erasures.insertOne(document)).thenReturn(document).map(MongoErasureStore::fromDocument)
                .onErrorResume(MongoDeadlineStore::isDuplicateKey, e -> find(erasure.erasureId()));
    }

    @Override
    public Mono<Erasure> find(String erasureId) {
        return Mono.from(erasures.find(new Document("_id", erasureId)).first()).map(MongoErasureStore::fromDocument);
    }

    @Override
    public Flux<Erasure> awaitingForSubject(String subjectId) {
        return Flux.from(erasures.find(new Document("subjectId", subjectId).append("status", AWAITING)))
                .map(MongoErasureStore::fromDocument);
    }

    @Override
    public Flux<Erasure> bySubject(String subjectId) {
        return Flux.from(erasures.find(new Document("subjectId", subjectId)).sort(Sorts.ascending("requestedAt")))
                .map(MongoErasureStore::fromDocument);
    }

    @Override
    public Flux<Erasure> awaiting(int limit) {
        return Flux.from(erasures.find(new Document("status", AWAITING)).sort(Sorts.ascending("requestedAt"))
                .limit(limit)).map(MongoErasureStore::fromDocument);
    }

    @Override
    public Flux<Erasure> overdue(Instant now) {
        return Flux.from(erasures.find(new Document("status", AWAITING)
                        .append("overdueAt", new Document("$lte", Date.from(now)))).sort(Sorts.ascending("overdueAt")))
                .map(MongoErasureStore::fromDocument);
    }

    @Override
    public Mono<Boolean> save(Erasure next, Erasure previous) {
        Document sameVersion = new Document("_id", next.erasureId()).append("version", previous.version());
        return Mono.from(erasures.findOneAndReplace(sameVersion, toDocument(next, previous.version() + 1)))
                .hasElement();
    }

    @Override
    public Mono<Boolean> markOverdueReported(String erasureId) {
        Document notYet = new Document("_id", erasureId).append("overdueReported", false);
        Document update = new Document("$set", new Document("overdueReported", true))
                .append("$inc", new Document("version", 1));
        return Mono.from(erasures.updateOne(notYet, update)).map(result -> result.getModifiedCount() > 0);
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
