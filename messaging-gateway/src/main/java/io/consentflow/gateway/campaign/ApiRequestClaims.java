package io.consentflow.gateway.campaign;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The requestIds the REST API has published ({@code api_send_requests}: requestId, campaignId, time; no number),
 * claimed before publishing so a repeated post answers like the first and never publishes again. A claim whose
 * publication failed is removed again, so the client's retry publishes it.
 */
@Component
class ApiRequestClaims {

    static final String COLLECTION = "api_send_requests";
    private final ReactiveMongoTemplate mongo;

    ApiRequestClaims(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One unordered insertMany; element i is true when requestId i is claimed now, false when it was before. */
    Mono<boolean[]> claim(List<String> requestIds, String campaignId) {
        Date now = new Date();
        List<Document> docs = new ArrayList<>(requestIds.size());
        requestIds.forEach(id -> docs.add(new Document("_id", id).append("campaignId", campaignId).append("at", now)));
        boolean[] fresh = new boolean[docs.size()];
        Arrays.fill(fresh, true);
        return mongo.getCollection(COLLECTION)
                .flatMap(c -> Mono.from(c.insertMany(docs, new InsertManyOptions().ordered(false))))
                .thenReturn(fresh)
                .onErrorResume(MongoBulkWriteException.class, e -> {
                    for (BulkWriteError error : e.getWriteErrors()) {
                        fresh[error.getIndex()] = false;
                        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                            return release(requestIds, fresh).then(Mono.error(e));
                        }
                    }
                    return Mono.just(fresh);
                });
    }

    /** Which of these requestIds were accepted before (a dry run counts them apart: a send would not repeat them). */
    Mono<java.util.Set<String>> accepted(List<String> requestIds) {
        return mongo.getCollection(COLLECTION)
                .flatMapMany(c -> c.find(Filters.in("_id", requestIds)).projection(new Document("_id", 1)))
                .map(doc -> doc.getString("_id")).collect(java.util.stream.Collectors.toSet());
    }

    /** Forgets the claims taken now (fresh[i]) whose publication failed. */
    Mono<Void> release(List<String> requestIds, boolean[] fresh) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < fresh.length; i++) {
            if (fresh[i]) {
                ids.add(requestIds.get(i));
            }
        }
        return ids.isEmpty() ? Mono.empty() : mongo.getCollection(COLLECTION)
                .flatMap(c -> Mono.from(c.deleteMany(Filters.in("_id", ids)))).then();
    }
}
