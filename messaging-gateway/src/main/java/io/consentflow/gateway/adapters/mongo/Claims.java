package io.consentflow.gateway.adapters.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.gateway.app.MessageLog;
import io.consentflow.gateway.domain.RequestClaim;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The inserts that make a request go out at most once, each on a unique {@code _id} (atomic, also across instances):
 * the claim before anything else, the call record right before the HTTP request leaves, the outcome after it. An
 * insert that meets a duplicate key reads the stored documents back: one carrying this attempt's token (the driver
 * may have retried the insert) or eventId is this attempt's own.
 */
final class Claims {

    private final Supplier<Mono<MongoCollection<Document>>> claims;
    private final Function<List<Document>, Mono<List<Document>>> merged;

    Claims(Supplier<Mono<MongoCollection<Document>>> claims, Function<List<Document>, Mono<List<Document>>> merged) {
        this.claims = claims;
        this.merged = merged;
    }

    /**
     * Claims distinct requestIds with one unordered insertMany (one round trip). A requestId claimed before answers
     * with the request as logged (claim, call, outcome), so the caller re-publishes, resumes or settles it.
     */
    Mono<Map<String, MessageLog.ClaimState>> claimAll(List<RequestClaim> requests) {
        if (requests.isEmpty()) {
            return Mono.just(Map.of());
        }
        // a random number, not a UUID string: the claim travels and is stored once per message, the token with it
        long token = ThreadLocalRandom.current().nextLong();
        List<Document> docs = requests.stream().map(r -> LogDocuments.claim(r).append("claimToken", token)).toList();
        return insertAll(claims, docs, doc -> doc.get("claimToken")).flatMap(ours -> {
            Map<String, MessageLog.ClaimState> states = new HashMap<>();
            List<Object> earlier = requests.stream().map(RequestClaim::requestId)
                    .filter(id -> !ours.contains(id)).map(id -> (Object) id).toList();
            requests.stream().filter(r -> ours.contains(r.requestId()))
                    .forEach(r -> states.put(r.requestId(), MessageLog.ClaimState.ours(r)));
            if (earlier.isEmpty()) {
                return Mono.just(states);
            }
            return claims.get().flatMapMany(c -> Flux.from(c.find(Filters.in("_id", earlier)))).collectList()
                    .flatMap(merged).map(logged -> {
                        logged.forEach(doc -> states.put(doc.getString("_id"), MongoMessageLog.logged(doc)));
                        return states;
                    });
        });
    }

    /**
     * Inserts documents with one unordered insertMany and answers the ids that are this attempt's own: inserted now,
     * or found stored with the same {@code mark} as the attempted document (an insert the driver retried). Only
     * duplicate keys are expected; any other write error fails.
     */
    static Mono<Set<String>> insertAll(Supplier<Mono<MongoCollection<Document>>> collection, List<Document> docs,
            Function<Document, Object> mark) {
        if (docs.isEmpty()) {
            return Mono.just(Set.of());
        }
        return collection.get().flatMap(c -> Mono.from(c.insertMany(docs, new InsertManyOptions().ordered(false)))
                .then(Mono.fromSupplier(() -> ids(docs)))
                .onErrorResume(MongoBulkWriteException.class, e -> {
                    if (!onlyDuplicates(e)) {
                        return Mono.error(e);
                    }
                    Set<String> ours = ids(docs);
                    Map<Object, Document> attempted = new HashMap<>();
                    e.getWriteErrors().forEach(error -> {
                        Document doc = docs.get(error.getIndex());
                        attempted.put(doc.get("_id"), doc);
                        ours.remove(doc.getString("_id"));
                    });
                    return Flux.from(c.find(Filters.in("_id", List.copyOf(attempted.keySet())))).collectList()
                            .map(stored -> {
                                stored.stream().filter(doc -> java.util.Objects.equals(mark.apply(doc),
                                        mark.apply(attempted.get(doc.get("_id")))))
                                        .forEach(doc -> ours.add(doc.getString("_id")));
                                return ours;
                            });
                }));
    }

    private static Set<String> ids(List<Document> docs) {
        Set<String> ids = new HashSet<>(docs.size() * 2);
        docs.forEach(doc -> ids.add(doc.getString("_id")));
        return ids;
    }

    private static boolean onlyDuplicates(MongoBulkWriteException e) {
        for (BulkWriteError error : e.getWriteErrors()) {
            if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
        }
        return true;
    }
}
