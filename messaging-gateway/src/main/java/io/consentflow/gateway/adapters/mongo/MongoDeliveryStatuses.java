package io.consentflow.gateway.adapters.mongo;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.gateway.app.DeliveryStatuses;
import io.consentflow.platform.mongo.MongoCollections;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The delivery statuses Meta reports for sent messages, in the message log: which request a wamid belongs to, and the
 * statuses appended to its timeline. A wamid is stored with the outcome (unique index); requests decided by earlier
 * versions hold it in their claim, which has the same index.
 */
@Component
class MongoDeliveryStatuses implements DeliveryStatuses {

    private final MongoCollections mongo;

    MongoDeliveryStatuses(MongoCollections mongo) {
        this.mongo = mongo;
    }

    private Mono<MongoCollection<Document>> claims() {
        return Mono.just(mongo.named(MongoMessageLog.COLLECTION));
    }

    private Mono<MongoCollection<Document>> outcomes() {
        return Mono.just(mongo.named(MongoMessageLog.OUTCOMES));
    }

    /**
     * The requests these wamids belong to (queries on the unique wamid indexes), for status webhooks. Unknown wamids
     * are absent.
     */
    @Override
    public Mono<Map<String, LoggedRequest>> byWamids(Collection<String> wamids) {
        if (wamids.isEmpty()) {
            return Mono.just(Map.of());
        }
        Document requestFields = new Document("subjectId", 1).append("category", 1).append("contactKey", 1);
        return outcomes().flatMapMany(c -> Flux.from(c.find(Filters.in(LogDocuments.WAMID, wamids))
                        .projection(new Document(LogDocuments.WAMID, 1))))
                .collectMap(doc -> doc.getString("_id"), doc -> doc.getString(LogDocuments.WAMID))
                .flatMap(wamidById -> claims().flatMapMany(c -> wamidById.isEmpty() ? Flux.empty()
                                : Flux.from(c.find(Filters.in("_id", wamidById.keySet())).projection(requestFields)))
                        .collectMap(doc -> wamidById.get(doc.getString("_id")), doc -> request(doc, false))
                        .flatMap(found -> found.size() == wamids.size() ? Mono.just(found)
                                : inClaims(wamids, found, requestFields)));
    }

    /** Requests of earlier versions, whose claims hold their wamid. */
    private Mono<Map<String, LoggedRequest>> inClaims(Collection<String> wamids, Map<String, LoggedRequest> found,
            Document fields) {
        List<String> missing = wamids.stream().filter(w -> !found.containsKey(w)).toList();
        return claims().flatMapMany(c -> Flux.from(c.find(Filters.in(LogDocuments.WAMID, missing))
                        .projection(new Document(fields).append(LogDocuments.WAMID, 1))))
                .collectList().map(legacy -> {
                    Map<String, LoggedRequest> all = new HashMap<>(found);
                    legacy.forEach(doc -> all.put(doc.getString(LogDocuments.WAMID), request(doc, true)));
                    return all;
                });
    }

    private static LoggedRequest request(Document doc, boolean outcomeInClaim) {
        return new LoggedRequest(doc.getString("_id"), doc.getString("subjectId"), doc.getString("category"),
                doc.getString("contactKey"), outcomeInClaim);
    }

    /**
     * Appends the statuses of one webhook delivery to their requests' outcomes (one unordered bulkWrite each, one
     * update per request).
     */
    @Override
    public Mono<Void> statuses(List<StatusEntry> entries) {
        return appendStatuses(outcomes(), entries.stream().filter(e -> !e.request().outcomeInClaim())
                .toList()).then(appendStatuses(claims(), entries.stream()
                        .filter(e -> e.request().outcomeInClaim()).toList()));
    }

    private static Mono<Void> appendStatuses(Mono<MongoCollection<Document>> collection, List<StatusEntry> entries) {
        if (entries.isEmpty()) {
            return Mono.empty();
        }
        // a request's statuses of one delivery (Meta batches a message's sent and delivered) in one update
        Map<String, List<Document>> byRequest = new java.util.LinkedHashMap<>();
        for (StatusEntry e : entries) {
            byRequest.computeIfAbsent(e.request().requestId(), id -> new ArrayList<>(2)).add(LogDocuments.entry(
                    Date.from(e.at()), "STATUS_" + e.status(), e.errorCode() == null ? null : "error " + e.errorCode()));
        }
        List<WriteModel<Document>> writes = new ArrayList<>(byRequest.size());
        byRequest.forEach((requestId, statuses) -> writes.add(new UpdateOneModel<>(new Document("_id", requestId),
                new Document("$push", new Document(LogDocuments.STATUSES, new Document("$each", statuses))))));
        return collection.flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(false))))
                .then();
    }
}
