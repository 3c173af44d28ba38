package io.consentflow.consent.inbound;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Art. 17 requests made in the chat, awaiting staff: the chat proves the number, not who holds it, so staff confirm
 * (or dismiss) each before the erasure runs. One document per contact, keyed by contactKey (never the number), written
 * before the withdrawal it comes with, so a redelivered message finds it already there.
 */
@Component
public class ChatErasureRequests {

    static final String COLLECTION = "chat_erasure_requests";

    /** One pending request: when it was asked, in which language, and the message that asked. */
    public record Pending(String contactKey, Instant requestedAt, String language, String wamid) {
    }

    private final ReactiveMongoTemplate mongo;

    public ChatErasureRequests(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    Mono<Void> record(Pending request) {
        Document document = new Document("_id", request.contactKey())
                .append("requestedAt", Date.from(request.requestedAt()))
                .append("language", request.language()).append("wamid", request.wamid());
        return mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.replaceOne(Filters.eq("_id",
                request.contactKey()), document, new ReplaceOptions().upsert(true)))).then();
    }

    /** Oldest first: the order staff should work them off in. */
    public Flux<Pending> pending() {
        return mongo.getCollection(COLLECTION).flatMapMany(c -> Flux.from(c.find().sort(Sorts.ascending("requestedAt"))))
                .map(ChatErasureRequests::pending);
    }

    public Mono<Pending> find(String contactKey) {
        return mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.find(Filters.eq("_id", contactKey)).first()))
                .map(ChatErasureRequests::pending);
    }

    private static Pending pending(Document d) {
        return new Pending(d.getString("_id"), d.getDate("requestedAt").toInstant(), d.getString("language"),
                d.getString("wamid"));
    }

    /** Confirmed and handed to retention-service, dismissed, or the subject erased: no longer pending. */
    public Mono<Boolean> remove(String contactKey) {
        return mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.deleteOne(Filters.eq("_id", contactKey))))
                .map(result -> result.getDeletedCount() > 0);
    }
}
