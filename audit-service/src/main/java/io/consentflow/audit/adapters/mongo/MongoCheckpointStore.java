package io.consentflow.audit.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.audit.app.CheckpointStore;
import io.consentflow.audit.domain.Checkpoint;
import java.util.Date;
import java.util.TreeMap;
import io.consentflow.platform.mongo.MongoCollections;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link CheckpointStore} in MongoDB: signed checkpoints, {@code _id = number}: two instances writing the same number
 * cannot both succeed. Insert/find only.
 */
@Component
public class MongoCheckpointStore implements CheckpointStore {

    public static final String COLLECTION = "audit_checkpoints";

    private final MongoCollection<Document> collection;

    public MongoCheckpointStore(MongoCollections collections) {
        this.collection = collections.named(COLLECTION);
    }

    @Override
    public Mono<Checkpoint> latest() {
        return collection().flatMap(c -> Mono.from(c.find().sort(Sorts.descending("_id")).limit(1).first()))
                .map(MongoCheckpointStore::fromDocument);
    }

    /**
     * The newest checkpoint, looking only at numbers from {@code atLeast} on (a number this instance has seen: numbers
     * only grow, so the newest is among them); without any there (0, or a store that lost them) the whole collection.
     * A checkpoint run reads only the last few instead of sorting all (the wire server has no ordered index).
     */
    @Override
    public Mono<Checkpoint> latest(long atLeast) {
        if (atLeast <= 0) {
            return latest();
        }
        return collection().flatMap(c -> Mono.from(c.find(Filters.gte("_id", atLeast))
                        .sort(Sorts.descending("_id")).limit(1).first()))
                .map(MongoCheckpointStore::fromDocument).switchIfEmpty(Mono.defer(this::latest));
    }

    /**
     * The checkpoints numbered above {@code number}, ascending: what anchoring has not handled yet, without reading
     * (and decoding the heads of) every checkpoint ever written on each run.
     */
    @Override
    public Flux<Checkpoint> after(long number) {
        return collection().flatMapMany(c -> c.find(Filters.gt("_id", number)).sort(Sorts.ascending("_id")))
                .map(MongoCheckpointStore::fromDocument);
    }

    @Override
    public Flux<Checkpoint> ascending() {
        return collection().flatMapMany(c -> c.find().sort(Sorts.ascending("_id")))
                .map(MongoCheckpointStore::fromDocument);
    }

    /** Every stored checkpoint number, ascending (only {@code _id} is read). */
    @Override
    public Flux<Long> numbers() {
        return collection().flatMapMany(c -> c.find().projection(new Document("_id", 1)).sort(Sorts.ascending("_id")))
                .map(d -> ((Number) d.get("_id")).longValue());
    }

    @Override
    public Flux<Checkpoint> newestFirst(int page, int size) {
        return collection().flatMapMany(c -> c.find().sort(Sorts.descending("_id")).skip(page * size).limit(size))
                .map(MongoCheckpointStore::fromDocument);
    }

    /** True when written, false when another writer took this number first. */
    @Override
    public Mono<Boolean> insert(Checkpoint checkpoint) {
        return collection().flatMap(c -> Mono.from(c.insertOne(toDocument(checkpoint)))).thenReturn(true)
                .onErrorResume(e -> e instanceof MongoWriteException write
                        && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY, e -> Mono.just(false));
    }

    static Document toDocument(Checkpoint checkpoint) {
        Document heads = new Document();
        checkpoint.heads().forEach((chain, head) -> heads.append(chain,
                new Document("count", head.count()).append("hash", head.hash())));
        return new Document("_id", checkpoint.number())
                .append("createdAt", Date.from(checkpoint.createdAt()))
                .append("previousDigest", checkpoint.previousDigest())
                .append("keyId", checkpoint.keyId())
                .append("totalEntries", checkpoint.totalEntries())
                .append("heads", heads)
                .append("signature", checkpoint.signature());
    }

    static Checkpoint fromDocument(Document doc) {
        TreeMap<String, Checkpoint.Head> heads = new TreeMap<>();
        Document stored = doc.get("heads", Document.class);
        if (stored != null) {
            stored.forEach((chain, value) -> {
                Document head = (Document) value;
                heads.put(chain, new Checkpoint.Head(((Number) head.get("count")).longValue(), head.getString("hash")));
            });
        }
        Date createdAt = doc.getDate("createdAt");
        return new Checkpoint(((Number) doc.get("_id")).longValue(),
                createdAt == null ? java.time.Instant.EPOCH : createdAt.toInstant(), doc.getString("previousDigest"),
                doc.getString("keyId"), heads, doc.get("totalEntries") instanceof Number n ? n.longValue() : 0,
                doc.getString("signature"));
    }

    private Mono<MongoCollection<Document>> collection() {
        return Mono.just(collection);
    }
}
