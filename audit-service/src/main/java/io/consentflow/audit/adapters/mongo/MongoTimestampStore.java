package io.consentflow.audit.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.audit.app.TimestampStore;
import java.util.Map;
import java.util.TreeMap;
import io.consentflow.platform.mongo.MongoCollections;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@link TimestampStore} in MongoDB: the RFC 3161 token of each checkpoint, {@code _id = checkpoint number},
 * insert/find only. Kept beside the checkpoint rather than in it, so a TSA that is down delays the token, never the
 * checkpoint: a later token still proves the checkpoint existed by then.
 */
@Component
public class MongoTimestampStore implements TimestampStore {

    public static final String COLLECTION = "audit_checkpoint_timestamps";

    private final MongoCollection<Document> collection;

    public MongoTimestampStore(MongoCollections collections) {
        this.collection = collections.named(COLLECTION);
    }

    /** False when a token for this number is stored already (another instance was first). */
    @Override
    public Mono<Boolean> insert(long number, String digest, String token) {
        return collection().flatMap(c -> Mono.from(c.insertOne(new Document("_id", number).append("digest", digest)
                        .append("token", token)))).thenReturn(true)
                .onErrorResume(e -> e instanceof MongoWriteException write
                        && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY, e -> Mono.just(false));
    }

    /** number -> token. */
    @Override
    public Mono<Map<Long, String>> all() {
        return collection().flatMapMany(c -> c.find())
                .collectMap(d -> ((Number) d.get("_id")).longValue(), d -> d.getString("token"), TreeMap::new);
    }

    @Override
    public Mono<String> token(long number) {
        return collection().flatMap(c -> Mono.from(c.find(new Document("_id", number)).first()))
                .mapNotNull(d -> d.getString("token"));
    }

    private Mono<MongoCollection<Document>> collection() {
        return Mono.just(collection);
    }
}
