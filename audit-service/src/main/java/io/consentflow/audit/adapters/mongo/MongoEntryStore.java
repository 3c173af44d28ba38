package io.consentflow.audit.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.audit.app.DuplicateEntryException;
import io.consentflow.audit.app.EntryQuery;
import io.consentflow.audit.app.EntryStore;
import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.ChainHead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import io.consentflow.platform.mongo.MongoCollections;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link EntryStore} in MongoDB: the entries collection. Insert and find only: there is no update or delete here (an
 * ArchUnit test keeps it so) and the MongoDB role of the service grants nothing else. {@code _id =
 * topic-partition-offset} makes a redelivered record a duplicate; the unique (chainId, sequence) index makes a second
 * writer of the same position fail instead of forking the chain.
 */
@Component
public class MongoEntryStore implements EntryStore {

    public static final String COLLECTION = "audit_entries";

    private final MongoCollection<Document> collection;

    public MongoEntryStore(MongoCollections collections) {
        this.collection = collections.named(COLLECTION);
    }

    @Override
    public Mono<Void> ensureIndexes() {
        return collection().flatMapMany(c -> Flux.concat(
                c.createIndex(Indexes.ascending("chainId", "sequence"), new IndexOptions().unique(true).name("chain_position")),
                c.createIndex(Indexes.ascending("subjectId", "recordedAt"), new IndexOptions().name("subject_time")),
                c.createIndex(Indexes.ascending("recordedAt"), new IndexOptions().name("time")),
                c.createIndex(Indexes.ascending("type", "recordedAt"), new IndexOptions().name("type_time"))))
                .then();
    }

    /** The head derived from the chain's last stored entry. */
    @Override
    public Mono<ChainHead> head(String chainId) {
        return head(chainId, 0);
    }

    /**
     * The head derived from the chain's last stored entry, when the chain is known to hold at least {@code atLeast}
     * entries (a previous checkpoint's count). A chain's positions are contiguous from 0, so its last one is found by
     * exact-position probes on the unique (chainId, sequence) index, galloping up from what is known and then
     * bisecting: a few index lookups per call. A sorted "last by chainId" query would do on MongoDB, but the local
     * wire server serves only exact matches from an index and scanned every entry for it, once per chain per
     * checkpoint.
     */
    @Override
    public Mono<ChainHead> head(String chainId, long atLeast) {
        long known = atLeast - 1;
        Mono<Long> start = known < 0 ? Mono.just(-1L)
                : exists(chainId, known).map(found -> found ? known : -1L); // fewer than claimed: from the start
        return start.flatMap(from -> last(chainId, from, 1))
                .flatMap(last -> last < 0 ? Mono.just(ChainHead.empty(chainId))
                        : collection().flatMap(c -> Mono.from(c.find(position(chainId, last)).first()))
                                .map(doc -> ChainHead.of(EntryDocuments.fromDocument(doc))));
    }

    /** The last existing position at or after {@code known} (which exists, or is -1), probing known + step. */
    private Mono<Long> last(String chainId, long known, long step) {
        return exists(chainId, known + step).flatMap(found -> found ? last(chainId, known + step, step * 2)
                : bisect(chainId, known, known + step));
    }

    /** {@code known} exists (or is -1), {@code missing} does not: the last existing position between them. */
    private Mono<Long> bisect(String chainId, long known, long missing) {
        if (missing - known <= 1) {
            return Mono.just(known);
        }
        long middle = known + (missing - known) / 2;
        return exists(chainId, middle).flatMap(found -> found ? bisect(chainId, middle, missing)
                : bisect(chainId, known, middle));
    }

    private Mono<Boolean> exists(String chainId, long sequence) {
        return collection().flatMap(c -> Mono.from(c.find(position(chainId, sequence))
                .projection(new Document("_id", 1)).first())).hasElement();
    }

    /** Exactly the keys of the unique chain_position index (no $and), so every server answers from the index. */
    private static Bson position(String chainId, long sequence) {
        return new Document("chainId", chainId).append("sequence", sequence);
    }

    /**
     * Ordered insert, one command for the whole list (the driver splits only beyond its message size limits, keeping
     * the indexes of the whole list). A clash on id or chain position fails with {@link DuplicateEntryException}
     * carrying the index of the refused document: ordered means everything before it is stored, nothing after it.
     */
    @Override
    public Mono<Void> insert(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        List<Document> documents = entries.stream().map(EntryDocuments::toDocument).toList();
        return collection().flatMap(c -> Mono.from(c.insertMany(documents, new InsertManyOptions().ordered(true))))
                .onErrorMap(MongoEntryStore::isDuplicate, e -> new DuplicateEntryException(e, failedIndex(e)))
                .then();
    }

    @Override
    public Mono<List<String>> chainIds() {
        return collection().flatMapMany(c -> c.distinct("chainId", String.class)).collectList()
                .map(ids -> ids.stream().sorted().toList());
    }

    /** Entries ordered by chain and position, for verification; {@code chains == null} streams all. */
    @Override
    public Flux<AuditEntry> stream(Collection<String> chains) {
        Bson filter = chains == null ? new Document() : Filters.in("chainId", chains);
        return collection().flatMapMany(c -> c.find(filter).sort(Sorts.ascending("chainId", "sequence"))
                .batchSize(2000)).map(EntryDocuments::fromDocument);
    }

    @Override
    public Flux<AuditEntry> find(EntryQuery query) {
        return collection().flatMapMany(c -> c.find(filter(query))
                .sort(Sorts.ascending("recordedAt", "_id")).skip(query.page() * query.size()).limit(query.size()))
                .map(EntryDocuments::fromDocument);
    }

    @Override
    public Mono<Long> count(EntryQuery query) {
        return collection().flatMap(c -> Mono.from(c.countDocuments(filter(query))));
    }

    @Override
    public Flux<AuditEntry> bySubject(String subjectId) {
        return collection().flatMapMany(c -> c.find(Filters.eq("subjectId", subjectId))
                .sort(Sorts.ascending("recordedAt", "_id"))).map(EntryDocuments::fromDocument);
    }

    /** The entries of one erasure: its command (once, or again when overdue) and the receipts that name it. */
    @Override
    public Flux<AuditEntry> byErasureId(String erasureId) {
        return collection().flatMapMany(c -> c.find(Filters.eq("payload.erasureId", erasureId))
                .sort(Sorts.ascending("recordedAt", "_id"))).map(EntryDocuments::fromDocument);
    }

    /** Positions {@code from} to {@code to} (both included) of one chain, in order: a proof's chain segment. */
    @Override
    public Flux<AuditEntry> segment(String chainId, long from, long to) {
        return collection().flatMapMany(c -> c.find(Filters.and(Filters.eq("chainId", chainId),
                        Filters.gte("sequence", from), Filters.lte("sequence", to))).sort(Sorts.ascending("sequence")))
                .map(EntryDocuments::fromDocument);
    }

    /** A time range for export, oldest first. */
    @Override
    public Flux<AuditEntry> range(Instant from, Instant to) {
        return collection().flatMapMany(c -> c.find(Filters.and(Filters.gte("recordedAt", Date.from(from)),
                        Filters.lt("recordedAt", Date.from(to))))
                .sort(Sorts.ascending("recordedAt", "_id")).batchSize(2000)).map(EntryDocuments::fromDocument);
    }

    private static Bson filter(EntryQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.subjectId() != null) {
            filters.add(Filters.eq("subjectId", query.subjectId()));
        }
        if (query.type() != null) {
            filters.add(Filters.eq("type", query.type()));
        }
        if (query.from() != null) {
            filters.add(Filters.gte("recordedAt", Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt("recordedAt", Date.from(query.to())));
        }
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }

    /** The first refused document is a duplicate (an ordered insert stops there, so it is the only error). */
    private static boolean isDuplicate(Throwable error) {
        if (error instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().min(Comparator.comparingInt(BulkWriteError::getIndex))
                    .filter(e -> ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY)
                    .isPresent();
        }
        return error instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private static int failedIndex(Throwable error) {
        return error instanceof MongoBulkWriteException bulk
                ? bulk.getWriteErrors().stream().mapToInt(BulkWriteError::getIndex).min().orElse(-1)
                : -1;
    }

    private Mono<MongoCollection<Document>> collection() {
        return Mono.just(collection);
    }
}
