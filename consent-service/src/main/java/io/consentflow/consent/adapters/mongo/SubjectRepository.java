package io.consentflow.consent.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.consent.app.ConcurrentUpdateException;
import io.consentflow.consent.app.OutboxStore;
import io.consentflow.consent.app.StoredSubject;
import io.consentflow.consent.app.SubjectStore;
import io.consentflow.consent.domain.Subject;
import io.consentflow.consent.domain.SubjectStatus;
import io.consentflow.platform.mongo.MongoCollections;
import java.time.Instant;
import java.util.ArrayList;
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
 * The subject registry: one document per subject, written only whole and only if its revision is unchanged, so a
 * state change and the events in its outbox land together or not at all (no multi-document transactions needed).
 */
@Repository
public class SubjectRepository implements SubjectStore, OutboxStore {

    static final String COLLECTION = "subjects";
    static final String REVISION_GUARD = "revision_guard";

    private final MongoCollection<Document> collection;
    private final SubjectDocuments documents;
    private final SubjectCrypto crypto;
    private final KeyRing keyRing;
    private final NewSubjects newSubjects;
    private final SubjectsReadTogether readTogether;

    public SubjectRepository(MongoCollections collections, SubjectCrypto crypto, KeyRing keyRing) {
        this.collection = collections.named(COLLECTION);
        this.crypto = crypto;
        this.keyRing = keyRing;
        this.documents = new SubjectDocuments(crypto);
        this.newSubjects = new NewSubjects(collection, documents, crypto, keyRing);
        this.readTogether = new SubjectsReadTogether(collection, documents, keyRing);
    }

    @Override
    public Mono<Void> createIndexes() {
        return Flux.concat(
                collection.createIndex(Indexes.ascending("contactKey"), new IndexOptions().unique(true).sparse(true)),
                collection.createIndex(Indexes.ascending("tokenHash"), new IndexOptions().sparse(true)),
                collection.createIndex(Indexes.ascending("outboxSize")),
                collection.createIndex(Indexes.ascending("pendingExpiresAt"), new IndexOptions().sparse(true)),
                // redundant for MongoDB (the _id index finds the document), but the wire server of tests and
                // ./run-local.sh serves a query from an index only when the index has exactly the query's fields:
                // without it every conditional write {_id, revision} scanned the whole collection
                collection.createIndex(Indexes.ascending("_id", "revision"), new IndexOptions().unique(true)
                        .name(REVISION_GUARD))).then();
    }

    /** A subject seen for the first time gets its own data key (stored in the key ring with its first write). */
    @Override
    public StoredSubject newSubject(Subject subject) {
        return new StoredSubject(subject, -1, crypto.newDataKey(), null);
    }

    @Override
    public Mono<StoredSubject> byContactKey(String contactKey) {
        return findOne(Filters.eq("contactKey", contactKey));
    }

    @Override
    public Mono<StoredSubject> byId(String subjectId) {
        return findOne(Filters.eq("_id", subjectId));
    }

    @Override
    public Mono<StoredSubject> byTokenHash(String tokenHash) {
        return findOne(Filters.eq("tokenHash", tokenHash));
    }

    @Override
    public Mono<Map<String, StoredSubject>> byContactKeys(Collection<String> contactKeys) {
        return readTogether.byContactKeys(contactKeys);
    }

    /** Which of these numbers have a subject: one query, nothing decrypted. */
    @Override
    public Mono<Set<String>> knownContactKeys(Collection<String> contactKeys) {
        return Flux.from(collection.find(Filters.in("contactKey", contactKeys))
                        .projection(Projections.include("contactKey")))
                .map(doc -> doc.getString("contactKey")).collect(Collectors.toSet());
    }

    @Override
    public Mono<List<Throwable>> insertAll(List<StoredSubject> fresh) {
        return fresh.isEmpty() ? Mono.just(List.of()) : newSubjects.insert(fresh);
    }

    /**
     * Inserts a new subject or replaces the stored one if nobody changed it since it was read. The data key reaches
     * the key ring before any ciphertext it protects is written; an erased subject's key is shredded right after the
     * write that dropped its personal data.
     */
    @Override
    public Mono<Void> save(StoredSubject stored) {
        String id = stored.subject().subjectId();
        boolean erased = stored.subject().status() == SubjectStatus.ERASED;
        // a new subject, or a document from before the key ring whose key moves into it now
        boolean keyToStore = stored.revision() < 0 || stored.wrappedKey() != null;
        Mono<Void> keyFirst = !erased && stored.dataKey() != null && keyToStore
                ? keyRing.storeIfAbsent(id, crypto.wrap(stored.dataKey(), id)) : Mono.empty();
        Document doc = documents.toDocument(stored, stored.revision() + 1);
        Mono<Void> write;
        if (stored.revision() < 0) {
            // a concurrent first write for the same number won: the key stored for this attempt's id is nobody's
            write = Mono.from(collection.insertOne(doc)).then()
                    .onErrorResume(this::isDuplicateKey,
                            e -> keyRing.shred(id).then(Mono.error(new ConcurrentUpdateException())));
        } else {
            write = Mono.from(collection.replaceOne(atRevision(id, stored.revision()), doc))
                    .flatMap(result -> result.getMatchedCount() == 1 ? Mono.<Void>empty()
                            : Mono.error(new ConcurrentUpdateException()));
        }
        return keyFirst.then(write).then(erased ? keyRing.shred(id) : Mono.empty());
    }

    @Override
    public Flux<String> idsWithOutbox(int limit) {
        return Flux.from(collection.find(Filters.gt("outboxSize", 0))
                .projection(Projections.include("_id")).limit(limit)).map(d -> d.getString("_id"));
    }

    @Override
    public Flux<String> idsWithPendingExpiredBy(Instant now, int limit) {
        return Flux.from(collection.find(Filters.lte("pendingExpiresAt", Date.from(now)))
                .projection(Projections.include("_id")).limit(limit)).map(d -> d.getString("_id"));
    }

    /** The outbox of one subject, decrypted, and the revision it was read at. */
    @Override
    public Mono<PendingOutbox> outboxOf(String subjectId) {
        return Mono.from(collection.find(Filters.eq("_id", subjectId)).first())
                .flatMap(doc -> dataKeyOf(doc).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                        .map(key -> new PendingOutbox(subjectId, ((Number) doc.get("revision")).longValue(),
                                documents.outbox(doc, key.orElse(null)))));
    }

    /**
     * Marks published entries as sent by removing them. An erased subject's document is deleted as soon as its last
     * event (the erasure receipt and tombstone) is out.
     */
    @Override
    public Mono<Void> removeSent(String subjectId, Set<String> eventIds) {
        return Mono.from(collection.find(Filters.eq("_id", subjectId)).first())
                .flatMap(doc -> {
                    long revision = ((Number) doc.get("revision")).longValue();
                    List<Document> outbox = doc.getList("outbox", Document.class, List.of());
                    List<Document> left = outbox.stream()
                            .filter(entry -> !eventIds.contains(entry.getString("eventId"))).toList();
                    var current = atRevision(subjectId, revision);
                    if (left.isEmpty() && SubjectStatus.ERASED.name().equals(doc.getString("status"))) {
                        return keyRing.shred(subjectId).then(Mono.from(collection.deleteOne(current)))
                                .map(r -> r.getDeletedCount() == 1);
                    }
                    if (left.size() == outbox.size()) {
                        // removed already (a clear from memory, another instance): no write, no new revision
                        return Mono.just(true);
                    }
                    doc.put("outbox", left);
                    doc.put("outboxSize", left.size());
                    doc.put("revision", revision + 1);
                    return Mono.from(collection.replaceOne(current, doc)).map(r -> r.getMatchedCount() == 1);
                })
                .flatMap(done -> done ? Mono.<Void>empty() : Mono.error(new ConcurrentUpdateException()));
    }

    /**
     * Clears the outboxes of documents still at the revision their entries were written with (one round trip for
     * all): each then holds exactly the entries the caller published from memory. Returns how many matched; when
     * fewer than asked, some document changed in between and its entries are to be removed by {@link #removeSent}.
     */
    @Override
    public Mono<Integer> clearOutboxesAt(Map<String, Long> revisions) {
        if (revisions.isEmpty()) {
            return Mono.just(0);
        }
        List<UpdateOneModel<Document>> clears = new ArrayList<>(revisions.size());
        revisions.forEach((id, revision) -> clears.add(new UpdateOneModel<>(
                atRevision(id, revision),
                Updates.combine(Updates.set("outbox", List.of()), Updates.set("outboxSize", 0),
                        Updates.set("revision", revision + 1)))));
        return Mono.from(collection.bulkWrite(clears, new BulkWriteOptions().ordered(false)))
                .map(BulkWriteResult::getMatchedCount);
    }

    /** Raw documents, for tests that prove nothing personal is stored in clear. */
    public Mono<Document> rawDocument(String subjectId) {
        return Mono.from(collection.find(Filters.eq("_id", subjectId)).first());
    }

    private Mono<StoredSubject> findOne(org.bson.conversions.Bson filter) {
        return Mono.from(collection.find(filter).first()).flatMap(this::readRaw);
    }

    /** A raw document read as this repository reads its own (a copy restored from a backup, say). */
    Mono<StoredSubject> readRaw(Document doc) {
        return dataKeyOf(doc).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .map(key -> documents.fromDocument(doc, key.orElse(null)));
    }

    /** The document's data key: from the key ring, or from a document written before the ring; empty when gone. */
    private Mono<javax.crypto.SecretKey> dataKeyOf(Document doc) {
        return documents.keyInRing(doc)
                ? keyRing.find(doc.getString("_id")).mapNotNull(wrapped -> documents.dataKeyOf(doc, wrapped))
                : Mono.justOrEmpty(documents.dataKeyOf(doc, null));
    }

    /**
     * The document if nobody changed it since {@code revision}: a plain {@code {_id, revision}} filter, which the
     * wire server serves from the {@link #REVISION_GUARD} index ({@code Filters.and} renders as {@code $and}, which
     * it serves from no index: every conditional write scanned the collection).
     */
    private static Document atRevision(String id, long revision) {
        return new Document("_id", id).append("revision", revision);
    }

    private boolean isDuplicateKey(Throwable e) {
        return e instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
