package io.consentflow.gateway.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.gateway.app.MessageLog;
import io.consentflow.gateway.domain.RequestClaim;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The claims read from Kafka that have no outcome yet ({@code message_open}): one small document per request
 * (requestId, partition, offset, claim time; nothing about the recipient), inserted before its claim and deleted
 * with its outcome, so {@link ClaimResumer} looks at the requests in flight instead of scanning the whole log (the
 * MongoDB wire server answers only {@code _id} and unique-index queries without a full scan). Inserted first, so
 * every claim read from Kafka has its entry; an entry whose outcome was stored but whose delete was lost (a crash in
 * between) is dropped by the resumer when it finds the outcome.
 */
final class OpenClaims {

    static final String COLLECTION = "message_open";

    private final Supplier<Mono<MongoCollection<Document>>> collection;

    OpenClaims(Supplier<Mono<MongoCollection<Document>>> collection) {
        this.collection = collection;
    }

    /** Enters the claims read from Kafka (others have no record to resume from); a repeat is a no-op. */
    Mono<Void> opened(List<RequestClaim> claims) {
        List<Document> docs = claims.stream().filter(claim -> claim.partition() >= 0 && claim.offset() >= 0)
                .map(claim -> new Document("_id", claim.requestId())
                        .append(LogDocuments.PARTITION, claim.partition()).append(LogDocuments.OFFSET, claim.offset())
                        .append("claimedAt", Date.from(claim.claimedAt())))
                .toList();
        return Claims.insertAll(collection, docs, doc -> doc.get("claimedAt")).then();
    }

    /** Removes the entries of requests that are decided (one {@code _id $in} delete; absent ones are ignored). */
    Mono<Void> closed(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Mono.empty();
        }
        return collection.get().flatMap(c -> Mono.from(c.deleteMany(Filters.in("_id", List.copyOf(requestIds)))))
                .then();
    }

    Flux<MessageLog.OpenClaim> all() {
        return collection.get().flatMapMany(c -> Flux.from(c.find())).map(doc -> new MessageLog.OpenClaim(doc.getString("_id"),
                doc.getInteger(LogDocuments.PARTITION), ((Number) doc.get(LogDocuments.OFFSET)).longValue(),
                doc.getDate("claimedAt").toInstant()));
    }
}
