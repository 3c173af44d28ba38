package io.consentflow.gateway.webhook;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Remembers which webhook items were published ({@code webhook_receipts}), so Meta's redeliveries are published
 * once. Keys are SHA-256 digests (no wa_id in clear); entries older than a week are deleted explicitly (Meta
 * retries for at most a few days, and the wire server has no TTL indexes).
 */
@Component
class WebhookReceipts {

    private static final String COLLECTION = "webhook_receipts";
    private final ReactiveMongoTemplate mongo;

    WebhookReceipts(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** True when this item is new (and is now recorded), false for a redelivery. */
    Mono<Boolean> firstTime(String dedupeKey) {
        Document doc = new Document("_id", digest(dedupeKey)).append("at", new Date());
        return mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.insertOne(doc))).thenReturn(true)
                .onErrorResume(MongoWriteException.class, e -> e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY
                        ? Mono.just(false) : Mono.error(e));
    }

    /** Publishing failed: forget the item so Meta's retry is processed. */
    Mono<Void> forget(String dedupeKey) {
        return mongo.getCollection(COLLECTION)
                .flatMap(c -> Mono.from(c.deleteOne(Filters.eq("_id", digest(dedupeKey))))).then();
    }

    @Scheduled(fixedDelayString = "PT1H")
    void prune() {
        Date cutoff = Date.from(Instant.now().minus(Duration.ofDays(7)));
        mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.deleteMany(Filters.lt("at", cutoff)))).subscribe();
    }

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
