package io.consentflow.consent.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.consent.app.ChatErasureRequests;
import io.consentflow.platform.mongo.MongoCollections;
import java.util.Date;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ChatErasureRequests} in MongoDB: one document per contact, keyed by contactKey (never the number), written
 * before the withdrawal it comes with, so a redelivered message finds it already there.
 */
@Component
class MongoChatErasureRequests implements ChatErasureRequests {

    static final String COLLECTION = "chat_erasure_requests";

    private final MongoCollection<Document> collection;

    MongoChatErasureRequests(MongoCollections collections) {
        this.collection = collections.named(COLLECTION);
    }

    @Override
    public Mono<Void> record(Pending request) {
        Document document = new Document("_id", request.contactKey())
                .append("requestedAt", Date.from(request.requestedAt()))
                .append("language", request.language()).append("wamid", request.wamid());
        return Mono.from(collection.replaceOne(Filters.eq("_id",
                request.contactKey()), document, new ReplaceOptions().upsert(true))).then();
    }

    @Override
    public Flux<Pending> pending() {
        return Flux.from(collection.find().sort(Sorts.ascending("requestedAt")))
                .map(MongoChatErasureRequests::pending);
    }

    @Override
    public Mono<Pending> find(String contactKey) {
        return Mono.from(collection.find(Filters.eq("_id", contactKey)).first())
                .map(MongoChatErasureRequests::pending);
    }

    private static Pending pending(Document d) {
        return new Pending(d.getString("_id"), d.getDate("requestedAt").toInstant(), d.getString("language"),
                d.getString("wamid"));
    }

    @Override
    public Mono<Boolean> remove(String contactKey) {
        return Mono.from(collection.deleteOne(Filters.eq("_id", contactKey)))
                .map(result -> result.getDeletedCount() > 0);
    }
}
