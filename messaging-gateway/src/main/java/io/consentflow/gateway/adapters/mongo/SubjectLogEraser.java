package io.consentflow.gateway.adapters.mongo;

import static io.consentflow.gateway.adapters.mongo.LogCollections.CALLS;
import static io.consentflow.gateway.adapters.mongo.LogCollections.CLAIMS;
import static io.consentflow.gateway.adapters.mongo.LogCollections.CONTACT_KEY;
import static io.consentflow.gateway.adapters.mongo.LogCollections.ID;
import static io.consentflow.gateway.adapters.mongo.LogCollections.OUTCOMES;
import static io.consentflow.gateway.adapters.mongo.LogCollections.PURPOSE;
import static io.consentflow.gateway.adapters.mongo.LogCollections.SUBJECT_ID;
import static io.consentflow.gateway.adapters.mongo.LogCollections.UNSETTLED;

import com.mongodb.client.model.Filters;
import io.consentflow.gateway.app.SubjectLog;
import io.consentflow.platform.mongo.MongoCollections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes what the message log holds of one subject. The whole subject: its claims and outcomes, and the claims of
 * the same contacts that carry no subjectId (requests refused before the opt-in, when no consent named the subject
 * yet), found through the contactKeys of its own claims. One purpose: only the claims sent for that purpose.
 */
@Component
class SubjectLogEraser implements SubjectLog {

    private static final int CHUNK = 500;
    private final MongoCollections mongo;

    SubjectLogEraser(MongoCollections mongo) {
        this.mongo = mongo;
    }

    /** Returns how many requests were erased. */
    @Override
    public Mono<Long> erase(String subjectId, String purpose) {
        if (purpose != null) {
            return delete(Filters.and(Filters.eq(SUBJECT_ID, subjectId), Filters.eq(PURPOSE, purpose)));
        }
        return claims(Filters.eq(SUBJECT_ID, subjectId)).collectList().flatMap(own -> {
            Set<Object> contactKeys = new HashSet<>();
            own.forEach(claim -> {
                if (claim.get(CONTACT_KEY) != null) {
                    contactKeys.add(claim.get(CONTACT_KEY));
                }
            });
            Mono<Long> unlinked = contactKeys.isEmpty() ? Mono.just(0L)
                    : delete(Filters.and(Filters.in(CONTACT_KEY, contactKeys), Filters.eq(SUBJECT_ID, null)));
            return unlinked.flatMap(before -> delete(Filters.eq(SUBJECT_ID, subjectId)).map(n -> n + before));
        });
    }

    /**
     * Deletes the outcomes, call records and unsettled entries, then the claims, of the matching requests (a claim never
     * loses its outcome first, and nothing of a request outlives its claim).
     */
    Mono<Long> delete(Bson filter) {
        return claims(filter).map(claim -> claim.get(ID)).buffer(CHUNK)
                .concatMap(ids -> Flux.just(OUTCOMES, CALLS, UNSETTLED)
                        .concatMap(collection -> deleteIn(collection, ids))
                        .then(deleteIn(CLAIMS, ids)))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> deleteIn(String collection, List<Object> ids) {
        return Mono.just(mongo.named(collection)).flatMap(c -> Mono.from(c.deleteMany(Filters.in(ID, ids))))
                .map(result -> result.getDeletedCount());
    }

    private Flux<Document> claims(Bson filter) {
        return Mono.just(mongo.named(CLAIMS)).flatMapMany(c -> Flux.from(c.find(filter)
                .projection(new Document(ID, 1).append(CONTACT_KEY, 1))));
    }
}
