package io.consentflow.gateway.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.gateway.app.UnsettledRequests;
import io.consentflow.platform.mongo.MongoCollections;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The requests left without an outcome ({@code message_unsettled}): their call was recorded, and what Meta did is not
 * known yet. A short list (only calls that met a 5xx, a timeout or a crash), settled by a status webhook or by
 * {@link UnsettledReconciler}.
 */
@Component
public class MongoUnsettledRequests implements UnsettledRequests {

    static final String COLLECTION = "message_unsettled";

    private final MongoCollections mongo;

    MongoUnsettledRequests(MongoCollections mongo) {
        this.mongo = mongo;
    }

    private Mono<MongoCollection<Document>> collection() {
        return Mono.just(mongo.named(COLLECTION));
    }

    /** Remembers requests to settle; a repeat is a no-op. */
    @Override
    public Mono<Void> add(List<Unsettled> requests) {
        List<Document> docs = requests.stream().map(u -> new Document("_id", u.requestId())
                .append("partition", u.partition()).append("since", Date.from(u.since()))).toList();
        return Claims.insertAll(this::collection, docs, doc -> doc.get("since")).then();
    }

    @Override
    public Flux<Unsettled> all() {
        return collection().flatMapMany(c -> Flux.from(c.find()))
                .map(doc -> new Unsettled(doc.getString("_id"), doc.getInteger("partition", -1),
                        doc.getDate("since").toInstant()));
    }

    @Override
    public Mono<Void> settled(String requestId) {
        return collection().flatMap(c -> Mono.from(c.deleteOne(Filters.eq("_id", requestId)))).then();
    }
}
