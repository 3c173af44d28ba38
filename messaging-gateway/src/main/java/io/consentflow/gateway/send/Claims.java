package io.consentflow.gateway.send;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The writes that make a request go out at most once: the claim inserted before the call (unique {@code _id}, atomic
 * also across instances) and the outcome inserted after it.
 */
final class Claims {

    private final Supplier<Mono<MongoCollection<Document>>> claims;
    private final Function<List<Document>, Mono<List<Document>>> withOutcomes;

    Claims(Supplier<Mono<MongoCollection<Document>>> claims,
            Function<List<Document>, Mono<List<Document>>> withOutcomes) {
        this.claims = claims;
        this.withOutcomes = withOutcomes;
    }

    /**
     * Inserts one claim; a requestId claimed before answers with the request as logged (or, should that claim be
     * erased in between, as claimed without an outcome: it is never sent on a guess).
     */
    Mono<MessageLog.Claim> claim(Document doc) {
        return claims.get().flatMap(c -> Mono.from(c.insertOne(doc))).thenReturn(new MessageLog.Claim(null))
                .onErrorResume(MongoWriteException.class, e -> e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        ? logged(List.of(doc.get("_id")))
                                .map(found -> new MessageLog.Claim(found.getOrDefault(doc.get("_id"), doc)))
                        : Mono.error(e));
    }

    /**
     * Claims distinct requestIds with one unordered insertMany (one round trip). On duplicate keys the documents of
     * the whole batch are read back once: a document carrying this attempt's token is our own claim (the driver may
     * have retried the insert), any other was claimed before. A document that is absent (the server did not attempt
     * it) is claimed on its own.
     */
    Mono<Map<String, MessageLog.Claim>> claimAll(List<Document> docs) {
        if (docs.isEmpty()) {
            return Mono.just(Map.of());
        }
        // a random number, not a UUID string: the claim travels and is stored once per message, the token with it
        long token = ThreadLocalRandom.current().nextLong();
        docs.forEach(doc -> doc.append("claimToken", token));
        return claims.get().flatMap(c -> Mono.from(c.insertMany(docs, unordered()))
                .then(Mono.fromSupplier(() -> {
                    Map<String, MessageLog.Claim> claimed = new HashMap<>();
                    docs.forEach(doc -> claimed.put(doc.getString("_id"), new MessageLog.Claim(null)));
                    return claimed;
                }))
                .onErrorResume(MongoBulkWriteException.class, e -> onlyDuplicates(e)
                        ? resolve(docs, token) : Mono.error(e)));
    }

    private Mono<Map<String, MessageLog.Claim>> resolve(List<Document> docs, long token) {
        return claims.get().flatMapMany(c -> Flux.from(c.find(Filters.in("_id",
                        docs.stream().map(doc -> doc.get("_id")).toList()))))
                .collectMap(doc -> doc.getString("_id")).flatMap(found -> {
                    Map<String, MessageLog.Claim> claimed = new HashMap<>();
                    List<Document> missing = new ArrayList<>();
                    List<Document> earlier = new ArrayList<>();
                    for (Document doc : docs) {
                        Document stored = found.get(doc.getString("_id"));
                        if (stored == null) {
                            missing.add(doc);
                        } else if (Long.valueOf(token).equals(stored.get("claimToken"))) {
                            claimed.put(doc.getString("_id"), new MessageLog.Claim(null));
                        } else {
                            earlier.add(stored);
                        }
                    }
                    return withOutcomes.apply(earlier)
                            .doOnNext(logged -> logged.forEach(doc -> claimed.put(doc.getString("_id"),
                                    new MessageLog.Claim(doc))))
                            .thenMany(Flux.fromIterable(missing).concatMap(doc -> claim(doc).doOnNext(
                                    claim -> claimed.put(doc.getString("_id"), claim))))
                            .then(Mono.just(claimed));
                });
    }

    private Mono<Map<Object, Document>> logged(List<Object> ids) {
        return claims.get().flatMapMany(c -> Flux.from(c.find(Filters.in("_id", ids)))).collectList()
                .flatMap(withOutcomes).map(docs -> {
                    Map<Object, Document> byId = new HashMap<>();
                    docs.forEach(doc -> byId.put(doc.get("_id"), doc));
                    return byId;
                });
    }

    /**
     * Inserts outcome documents with one unordered insertMany. An outcome already stored for the same request (a
     * redelivery declared the request AMBIGUOUS while its first attempt was still waiting for Meta) is replaced only
     * by a definite answer: what Meta said beats "unknown", and "unknown" never overwrites what Meta said.
     */
    static Mono<Void> recordOutcomes(MongoCollection<Document> outcomes, List<Document> docs) {
        return Mono.from(outcomes.insertMany(docs, unordered())).then()
                .onErrorResume(MongoBulkWriteException.class, e -> onlyDuplicates(e)
                        ? supersedeUnknown(outcomes, docs, e) : Mono.error(e));
    }

    private static Mono<Void> supersedeUnknown(MongoCollection<Document> outcomes, List<Document> docs,
            MongoBulkWriteException e) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (BulkWriteError error : e.getWriteErrors()) {
            Document doc = docs.get(error.getIndex());
            if (!Outcomes.AMBIGUOUS.equals(doc.get(LogDocuments.OUTCOME, Document.class).getString("type"))) {
                writes.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", doc.get("_id")),
                        Filters.eq("outcome.type", Outcomes.AMBIGUOUS)), doc));
            }
        }
        return writes.isEmpty() ? Mono.empty() : Mono.from(outcomes.bulkWrite(writes)).then();
    }

    private static boolean onlyDuplicates(MongoBulkWriteException e) {
        for (BulkWriteError error : e.getWriteErrors()) {
            if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
        }
        return true;
    }

    private static InsertManyOptions unordered() {
        return new InsertManyOptions().ordered(false);
    }
}
