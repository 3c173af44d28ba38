package io.consentflow.consent.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The key ring: each subject's data key, wrapped by a master key, in a collection of its own in a database of its
 * own ({@code consentflow.consent.key-ring.database}, default {@code consent_keys}), apart from the data it protects.
 * Backups of the subjects therefore never hold the keys, and the key ring is backed up on its own short schedule
 * (deployment/README.md, "Backups"): once a subject's key is deleted here and the key ring's backups have rolled over,
 * no copy of that subject's data can be decrypted anywhere.
 */
@Component
public class KeyRing {

    static final String COLLECTION = "data_keys";
    private final MongoCollection<Document> keys;

    KeyRing(KeyRingDatabase database) {
        this.keys = database.collections().named(COLLECTION);
    }

    public Mono<MasterKeys.WrappedKey> find(String subjectId) {
        return Mono.from(keys.find(Filters.eq("_id", subjectId)).first())
                .map(doc -> new MasterKeys.WrappedKey(doc.getString("masterKeyId"), doc.getString("wrapped")));
    }

    /** The wrapped keys of these subjects, by subject id, in one query; a subject without a key is absent. */
    Mono<Map<String, MasterKeys.WrappedKey>> findAll(Collection<String> subjectIds) {
        return subjectIds.isEmpty() ? Mono.just(Map.of())
                : Flux.from(keys.find(Filters.in("_id", subjectIds))).collectMap(doc -> doc.getString("_id"),
                        doc -> new MasterKeys.WrappedKey(doc.getString("masterKeyId"), doc.getString("wrapped")));
    }

    /** Stores a subject's key unless it is there already (a retried write stores it once). */
    Mono<Void> storeIfAbsent(String subjectId, MasterKeys.WrappedKey wrapped) {
        return Mono.from(keys.insertOne(keyDocument(subjectId, wrapped))).then()
                .onErrorResume(MongoWriteException.class, e -> e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        ? Mono.empty() : Mono.error(e));
    }

    /** A subject's wrapped key as the ring stores it. */
    static Document keyDocument(String subjectId, MasterKeys.WrappedKey wrapped) {
        return new Document("_id", subjectId).append("masterKeyId", wrapped.masterKeyId())
                .append("wrapped", wrapped.sealed()).append("createdAt", new Date());
    }

    /** The ring's collection, for first writes of many subjects in one command ({@link NewSubjects}). */
    MongoCollection<Document> collection() {
        return keys;
    }

    /** {@link #shred} for many subjects in one command. */
    Mono<Void> shredAll(java.util.Collection<String> subjectIds) {
        return subjectIds.isEmpty() ? Mono.empty() : Mono.from(keys.deleteMany(Filters.in("_id", subjectIds))).then();
    }

    /** Crypto-shredding: every copy of the subject's ciphertexts becomes unreadable. Idempotent. */
    public Mono<Void> shred(String subjectId) {
        return Mono.from(keys.deleteOne(Filters.eq("_id", subjectId))).then();
    }

    /** Keys still wrapped by another master key than {@code currentId}. */
    Flux<Document> wrappedByOtherThan(String currentId, int limit) {
        return Flux.from(keys.find(Filters.ne("masterKeyId", currentId)).limit(limit));
    }

    /** Replaces a wrapped key only if it is still wrapped by {@code previousId} (no write is lost to a race). */
    Mono<Boolean> rewrap(String subjectId, String previousId, MasterKeys.WrappedKey rewrapped) {
        return Mono.from(keys.updateOne(
                        Filters.and(Filters.eq("_id", subjectId), Filters.eq("masterKeyId", previousId)),
                        Updates.combine(Updates.set("masterKeyId", rewrapped.masterKeyId()),
                                Updates.set("wrapped", rewrapped.sealed()))))
                .map(result -> result.getModifiedCount() == 1);
    }

    public Mono<Long> count() {
        return Mono.from(keys.countDocuments());
    }
}
