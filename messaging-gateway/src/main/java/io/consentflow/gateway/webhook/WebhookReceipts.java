package io.consentflow.gateway.webhook;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
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
    private static final HexFormat HEX = HexFormat.of();
    /** One digest per thread instead of a provider lookup per item; {@code digest()} resets it after each use. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(WebhookReceipts::sha256);
    private final ReactiveMongoTemplate mongo;

    WebhookReceipts(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Records a delivery's items with one unordered insertMany; element i is true when item i is new (and is now
     * recorded), false for a redelivery, or a repeat of an earlier item of the same delivery.
     */
    Mono<boolean[]> firstTime(List<String> dedupeKeys) {
        List<Document> docs = new ArrayList<>(dedupeKeys.size());
        Date now = new Date();
        dedupeKeys.forEach(key -> docs.add(new Document("_id", digest(key)).append("at", now)));
        boolean[] fresh = new boolean[docs.size()];
        Arrays.fill(fresh, true);
        return mongo.getCollection(COLLECTION)
                .flatMap(c -> Mono.from(c.insertMany(docs, new InsertManyOptions().ordered(false))))
                .thenReturn(fresh)
                .onErrorResume(MongoBulkWriteException.class, e -> {
                    for (BulkWriteError error : e.getWriteErrors()) {
                        fresh[error.getIndex()] = false;
                        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                            // the ones recorded now must not stay recorded: Meta's retry would skip them
                            return forget(dedupeKeys, fresh).then(Mono.error(e));
                        }
                    }
                    return Mono.just(fresh);
                });
    }

    /** Publishing failed: forget the items recorded by this delivery, so Meta's retry is processed. */
    Mono<Void> forget(List<String> dedupeKeys, boolean[] recorded) {
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < dedupeKeys.size(); i++) {
            if (recorded[i]) {
                digests.add(digest(dedupeKeys.get(i)));
            }
        }
        return digests.isEmpty() ? Mono.empty() : mongo.getCollection(COLLECTION)
                .flatMap(c -> Mono.from(c.deleteMany(Filters.in("_id", digests)))).then();
    }

    @Scheduled(fixedDelayString = "PT1H")
    void prune() {
        Date cutoff = Date.from(Instant.now().minus(Duration.ofDays(7)));
        mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.deleteMany(Filters.lt("at", cutoff)))).subscribe();
    }

    private static String digest(String key) {
        MessageDigest sha256 = SHA256.get();
        return HEX.formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
