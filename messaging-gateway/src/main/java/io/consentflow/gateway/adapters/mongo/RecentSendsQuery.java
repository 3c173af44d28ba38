package io.consentflow.gateway.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.gateway.app.MessageLog.RecentSend;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The message log read back for the frequency ledger and the recipient pacer after a restart. */
final class RecentSendsQuery {

    private final Mono<MongoCollection<Document>> claims;
    private final Mono<MongoCollection<Document>> outcomes;
    private final int chunkSize;

    RecentSendsQuery(Mono<MongoCollection<Document>> claims, Mono<MongoCollection<Document>> outcomes, int chunkSize) {
        this.claims = claims;
        this.outcomes = outcomes;
        this.chunkSize = chunkSize;
    }

    /**
     * The requests that were let through (not BLOCKED) since {@code pacingSince} in any category, and since
     * {@code marketingSince} for MARKETING: what the frequency ledger and the recipient pacer were built from before
     * a restart. Only contactKey, category and claimedAt are read; the BLOCKED ones are found in their outcomes, a
     * chunk of claims at a time.
     */
    Flux<RecentSend> since(Instant marketingSince, Instant pacingSince) {
        var marketing = Filters.and(Filters.eq("category", "MARKETING"),
                Filters.gte("claimedAt", Date.from(marketingSince)));
        var filter = Filters.and(Filters.ne("outcome.type", OutcomeDocuments.BLOCKED), Filters.exists("contactKey"),
                Filters.or(marketing, Filters.gte("claimedAt", Date.from(pacingSince))));
        return claims.flatMapMany(c -> Flux.from(c.find(filter)
                        .projection(new Document("contactKey", 1).append("category", 1).append("claimedAt", 1))))
                .buffer(chunkSize)
                .concatMap(chunk -> blocked(chunk.stream().map(doc -> doc.get("_id")).toList())
                        .flatMapIterable(blocked -> chunk.stream()
                                .filter(doc -> !blocked.contains(doc.get("_id"))).toList()))
                .map(doc -> new RecentSend(doc.getString("_id"), doc.getString("contactKey"),
                        doc.getString("category"), doc.getDate("claimedAt").toInstant()));
    }

    /**
     * The BLOCKED ones among these ids. The query names {@code _id} alone, so the wire server answers it from its
     * {@code _id} index; a filter on the type beside it made every chunk a scan of all outcomes, and the rebuild
     * quadratic in the log's size (5 minutes for 30,000 sends).
     */
    private Mono<Set<Object>> blocked(List<Object> ids) {
        return outcomes.flatMapMany(c -> Flux.from(c.find(Filters.in("_id", ids))
                        .projection(new Document("outcome.type", 1))))
                .filter(doc -> OutcomeDocuments.BLOCKED.equals(doc.getEmbedded(List.of("outcome", "type"),
                        String.class)))
                .map(doc -> doc.get("_id")).collect(Collectors.toSet());
    }
}
