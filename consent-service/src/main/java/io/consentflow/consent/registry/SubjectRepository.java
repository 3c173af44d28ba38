package io.consentflow.consent.registry;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.consent.domain.OutboxEntry;
import io.consentflow.consent.domain.Subject;
import io.consentflow.consent.domain.SubjectStatus;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The subject registry: one document per subject, written only whole and only if its revision is unchanged, so a
 * state change and the events in its outbox land together or not at all (no multi-document transactions needed).
 */
@Repository
public class SubjectRepository {

    static final String COLLECTION = "subjects";

    private final ReactiveMongoTemplate mongo;
    private final SubjectDocuments documents;
    private final SubjectCrypto crypto;

    public SubjectRepository(ReactiveMongoTemplate mongo, SubjectCrypto crypto) {
        this.mongo = mongo;
        this.crypto = crypto;
        this.documents = new SubjectDocuments(crypto);
    }

    public Mono<Void> createIndexes() {
        return collection().flatMap(c -> Flux.concat(
                c.createIndex(Indexes.ascending("contactKey"), new IndexOptions().unique(true).sparse(true)),
                c.createIndex(Indexes.ascending("tokenHash"), new IndexOptions().sparse(true)),
                c.createIndex(Indexes.ascending("outboxSize")),
                c.createIndex(Indexes.ascending("pendingExpiresAt"), new IndexOptions().sparse(true))).then());
    }

    /** A subject seen for the first time gets its own data key. */
    public StoredSubject newSubject(Subject subject) {
        var key = crypto.newDataKey();
        return new StoredSubject(subject, -1, key, crypto.wrap(key, subject.subjectId()));
    }

    public Mono<StoredSubject> byContactKey(String contactKey) {
        return findOne(Filters.eq("contactKey", contactKey));
    }

    public Mono<StoredSubject> byId(String subjectId) {
        return findOne(Filters.eq("_id", subjectId));
    }

    public Mono<StoredSubject> byTokenHash(String tokenHash) {
        return findOne(Filters.eq("tokenHash", tokenHash));
    }

    /** Inserts a new subject or replaces the stored one if nobody changed it since it was read. */
    public Mono<Void> save(StoredSubject stored) {
        Document doc = documents.toDocument(stored, stored.revision() + 1);
        if (stored.revision() < 0) {
            return collection().flatMap(c -> Mono.from(c.insertOne(doc))).then()
                    .onErrorMap(this::isDuplicateKey, e -> new ConcurrentUpdateException());
        }
        return collection()
                .flatMap(c -> Mono.from(c.replaceOne(Filters.and(Filters.eq("_id", doc.get("_id")),
                        Filters.eq("revision", stored.revision())), doc)))
                .flatMap(result -> result.getMatchedCount() == 1 ? Mono.<Void>empty()
                        : Mono.error(new ConcurrentUpdateException()));
    }

    public Flux<String> idsWithOutbox(int limit) {
        return collection().flatMapMany(c -> Flux.from(c.find(Filters.gt("outboxSize", 0))
                .projection(Projections.include("_id")).limit(limit))).map(d -> d.getString("_id"));
    }

    public Flux<String> idsWithPendingExpiredBy(Instant now, int limit) {
        return collection().flatMapMany(c -> Flux.from(c.find(Filters.lte("pendingExpiresAt", Date.from(now)))
                .projection(Projections.include("_id")).limit(limit))).map(d -> d.getString("_id"));
    }

    /** The outbox of one subject, decrypted, and the revision it was read at. */
    public Mono<PendingOutbox> outboxOf(String subjectId) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", subjectId)).first()))
                .map(doc -> new PendingOutbox(subjectId, ((Number) doc.get("revision")).longValue(),
                        documents.outbox(doc, documents.dataKeyOf(doc))));
    }

    /**
     * Marks published entries as sent by removing them. An erased subject's document is deleted as soon as its last
     * event (the erasure receipt and tombstone) is out.
     */
    public Mono<Void> removeSent(String subjectId, Set<String> eventIds) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", subjectId)).first())
                .flatMap(doc -> {
                    long revision = ((Number) doc.get("revision")).longValue();
                    List<Document> left = doc.getList("outbox", Document.class, List.of()).stream()
                            .filter(entry -> !eventIds.contains(entry.getString("eventId"))).toList();
                    var current = Filters.and(Filters.eq("_id", subjectId), Filters.eq("revision", revision));
                    if (left.isEmpty() && SubjectStatus.ERASED.name().equals(doc.getString("status"))) {
                        return Mono.from(c.deleteOne(current)).map(r -> r.getDeletedCount() == 1);
                    }
                    doc.put("outbox", left);
                    doc.put("outboxSize", left.size());
                    doc.put("revision", revision + 1);
                    return Mono.from(c.replaceOne(current, doc)).map(r -> r.getMatchedCount() == 1);
                })
                .flatMap(done -> done ? Mono.<Void>empty() : Mono.error(new ConcurrentUpdateException())));
    }

    /** Raw documents, for tests that prove nothing personal is stored in clear. */
    public Mono<Document> rawDocument(String subjectId) {
        return collection().flatMap(c -> Mono.from(c.find(Filters.eq("_id", subjectId)).first()));
    }

    private Mono<StoredSubject> findOne(org.bson.conversions.Bson filter) {
        return collection().flatMap(c -> Mono.from(c.find(filter).first())).map(documents::fromDocument);
    }

    private Mono<MongoCollection<Document>> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private boolean isDuplicateKey(Throwable e) {
        return e instanceof DuplicateKeyException || (e instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY);
    }

    /** Entries still to publish for one subject. */
    public record PendingOutbox(String subjectId, long revision, List<OutboxEntry> entries) {
    }
}
