package io.consentflow.gateway.webhook;

import com.mongodb.client.model.Filters;
import io.consentflow.platform.mongo.FirstInserts;
import io.consentflow.rules.contact.ContactKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Remembers which webhook items were published ({@code webhook_receipts}), so Meta's redeliveries are published
 * once. Keys are keyed digests, HMAC-SHA256 under the pepper, domain-separated ({@code webhook-receipt|<key>}): a
 * preference's key holds the wa_id, and an unkeyed hash of a number can be reversed by trying every number. Entries
 * older than a week are deleted explicitly (Meta retries for at most a few days, and the wire server has no TTL
 * indexes).
 */
@Component
class WebhookReceipts {

    private static final String COLLECTION = "webhook_receipts";
    private static final String DOMAIN = "webhook-receipt|";
    private final ReactiveMongoTemplate mongo;
    private final ContactKeys keyedDigests;

    WebhookReceipts(ReactiveMongoTemplate mongo, ContactKeys keyedDigests) {
        this.mongo = mongo;
        this.keyedDigests = keyedDigests;
    }

    /**
     * Records a delivery's items with one unordered insertMany; element i is true when item i is new (and is now
     * recorded), false for a redelivery, or a repeat of an earlier item of the same delivery.
     */
    Mono<boolean[]> firstTime(List<String> dedupeKeys) {
        List<Document> docs = receipts(dedupeKeys);
        return mongo.getCollection(COLLECTION).flatMap(c -> FirstInserts.insert(c, docs));
    }

    /** Publishing failed: forget the items recorded by this delivery, so Meta's retry is processed. */
    Mono<Void> forget(List<String> dedupeKeys, boolean[] recorded) {
        List<Document> docs = receipts(dedupeKeys);
        return mongo.getCollection(COLLECTION).flatMap(c -> FirstInserts.undo(c, docs, recorded));
    }

    private List<Document> receipts(List<String> dedupeKeys) {
        Date now = new Date();
        List<Document> docs = new ArrayList<>(dedupeKeys.size());
        dedupeKeys.forEach(key -> docs.add(new Document("_id", digest(key)).append("at", now)));
        return docs;
    }

    @Scheduled(fixedDelayString = "PT1H")
    void prune() {
        Date cutoff = Date.from(Instant.now().minus(Duration.ofDays(7)));
        mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.deleteMany(Filters.lt("at", cutoff)))).subscribe();
    }

    private String digest(String key) {
        return keyedDigests.of(DOMAIN + key);
    }
}
