package io.consentflow.gateway.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.consentflow.gateway.app.ApiRequestClaims;
import io.consentflow.platform.mongo.FirstInserts;
import io.consentflow.platform.mongo.MongoCollections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The requestIds the REST API has published ({@code api_send_requests}: requestId, campaignId, the client that
 * posted it, time; no number), claimed before publishing so a repeated post answers like the first and never
 * publishes again. A claim whose publication failed is removed again, so the client's retry publishes it. The client
 * scopes what a campaign system may read back (its own timelines and report figures); entries expire with
 * {@link ApiRequestExpiry}.
 */
@Component
public class MongoApiRequestClaims implements ApiRequestClaims {

    public static final String COLLECTION = "api_send_requests";
    static final String CLIENT = "client";
    public static final String AT = "at";
    private static final int LOOKUP_CHUNK = 500;
    private final MongoCollections mongo;

    MongoApiRequestClaims(MongoCollections mongo) {
        this.mongo = mongo;
    }

    /** The index the expiry deletes by (MongoDB uses it; the local wire server scans). */
    Mono<Void> createIndexes() {
        return Mono.just(mongo.named(COLLECTION)).flatMap(c -> Mono.from(c.createIndex(Indexes.ascending(AT)))).then();
    }

    /** One unordered insertMany; element i is true when request i is claimed now, false when it was before. */
    @Override
    public Mono<boolean[]> claim(List<Claim> claims) {
        Date now = new Date();
        List<Document> docs = new ArrayList<>(claims.size());
        claims.forEach(c -> docs.add(new Document("_id", c.requestId()).append("campaignId", c.campaignId())
                .append(CLIENT, c.client()).append(AT, now)));
        return Mono.just(mongo.named(COLLECTION)).flatMap(c -> FirstInserts.insert(c, docs));
    }

    /** Which of these requestIds were accepted before (a dry run counts them apart: a send would not repeat them). */
    @Override
    public Mono<Set<String>> accepted(List<String> requestIds) {
        return find(requestIds, null);
    }

    /** Which of these requestIds the client posted (one {@code $in} on the primary key per 500). */
    @Override
    public Mono<Set<String>> ofClient(String client, Collection<String> requestIds) {
        return find(requestIds, client);
    }

    private Mono<Set<String>> find(Collection<String> requestIds, String client) {
        List<String> ids = List.copyOf(requestIds);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK)));
        }
        return Mono.just(mongo.named(COLLECTION)).flatMapMany(c -> Flux.fromIterable(chunks)
                        .concatMap(chunk -> Flux.from(c.find(Filters.in("_id", chunk))
                                .projection(new Document("_id", 1).append(CLIENT, 1)))))
                .filter(doc -> client == null || client.equals(doc.getString(CLIENT)))
                .map(doc -> doc.getString("_id")).collect(Collectors.toSet());
    }

    /** Forgets the claims taken now (fresh[i]) whose publication failed. */
    @Override
    public Mono<Void> release(List<String> requestIds, boolean[] fresh) {
        List<Document> ids = requestIds.stream().map(id -> new Document("_id", id)).toList();
        return Mono.just(mongo.named(COLLECTION)).flatMap(c -> FirstInserts.undo(c, ids, fresh));
    }

    /** Deletes the entries claimed before {@code cutoff}; answers how many. */
    Mono<Long> expire(Instant cutoff) {
        return Mono.just(mongo.named(COLLECTION))
                .flatMap(c -> Mono.from(c.deleteMany(Filters.lt(AT, Date.from(cutoff)))))
                .map(result -> result.getDeletedCount());
    }
}
