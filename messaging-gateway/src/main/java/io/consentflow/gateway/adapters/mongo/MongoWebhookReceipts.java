package io.consentflow.gateway.adapters.mongo;

import com.mongodb.client.model.Filters;
import io.consentflow.gateway.app.WebhookReceipts;
import io.consentflow.platform.mongo.FirstInserts;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.rules.contact.ContactKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Remembers which webhook items were published ({@code webhook_receipts}), so Meta's redeliveries are published
 * once. A receipt is written before its item is published and marked {@value #PENDING} until the broker has
 * acknowledged the publication: a redelivery that finds a pending receipt publishes the item again, because the
 * attempt that wrote it may never have published (the sender timed out and closed the connection, which cancels the
 * attempt, while the broker restarted; the process died). Counting a receipt as published had the chaos suite's
 * redeliveries acknowledge 15 STOPs that never reached {@code whatsapp-inbound}, so consent-service never recorded
 * them. A repeated publication carries the same eventId ({@link #eventId}), so consumers apply it once. Keys are keyed digests, HMAC-SHA256 under the pepper, domain-separated ({@code webhook-receipt|<key>}): a
 * preference's key holds the wa_id, and an unkeyed hash of a number can be reversed by trying every number. Entries
 * older than a week are deleted explicitly (Meta retries for at most a few days, and the wire server has no TTL
 * indexes). Receipts stored before the keyed digests (bare SHA-256 hex) still count for their week: while any is
 * left, a delivery's items are looked up by that digest too (one find per delivery); the hourly prune notices when
 * the last one is gone and the lookup stops.
 */
@Component
public class MongoWebhookReceipts implements WebhookReceipts {

    private static final String COLLECTION = "webhook_receipts";
    private static final String DOMAIN = "webhook-receipt|";
    private static final Duration KEEP = Duration.ofDays(7);
    private static final String LEGACY_ID = "^[0-9a-f]{64}$";
    /** Set on a receipt until its item's publication was acknowledged; absent on receipts of published items. */
    static final String PENDING = "pending";
    private static final String EVENT_DOMAIN = "webhook-event|";
    private final MongoCollections mongo;
    private final ContactKeys keyedDigests;
    /** Until the first prune has looked: an upgraded installation may hold receipts of the unkeyed format. */
    private volatile boolean legacyReceipts = true;

    MongoWebhookReceipts(MongoCollections mongo, ContactKeys keyedDigests) {
        this.mongo = mongo;
        this.keyedDigests = keyedDigests;
    }

    /** A delivery's items with their keyed digests, each computed once here. */
    @Override
    public Delivery delivery(List<String> dedupeKeys) {
        List<String> ids = new ArrayList<>(dedupeKeys.size());
        dedupeKeys.forEach(key -> ids.add(digest(key)));
        return new KeyedDelivery(List.copyOf(dedupeKeys), ids);
    }

    /** The receipts of one delivery: its keys and, in the same order, their receipts' ids. */
    private final class KeyedDelivery implements Delivery {

        private final List<String> dedupeKeys;
        private final List<String> ids;

        private KeyedDelivery(List<String> dedupeKeys, List<String> ids) {
            this.dedupeKeys = dedupeKeys;
            this.ids = ids;
        }

        /**
         * Records the items with one unordered insertMany (pending until {@link #published}); element i is true when
         * item i is to be published: new (now recorded), or recorded by an earlier attempt that never confirmed its
         * publication (one more lookup, only when the delivery holds items recorded before). False for an item
         * published before, or a repeat of an earlier item of the same delivery.
         */
        @Override
        public Mono<boolean[]> firstTime() {
            Mono<Set<String>> recordedBefore = legacyReceipts ? legacyRecorded(dedupeKeys) : Mono.just(Set.of());
            return recordedBefore.flatMap(this::record);
        }

        private Mono<boolean[]> record(Set<String> legacy) {
            List<Document> docs = new ArrayList<>(dedupeKeys.size());
            List<Integer> positions = new ArrayList<>(dedupeKeys.size());
            Date now = new Date();
            for (int i = 0; i < dedupeKeys.size(); i++) {
                if (!legacy.contains(dedupeKeys.get(i))) {
                    docs.add(new Document("_id", ids.get(i)).append("at", now).append(PENDING, true));
                    positions.add(i);
                }
            }
            boolean[] fresh = new boolean[dedupeKeys.size()];
            if (docs.isEmpty()) {
                return Mono.just(fresh);
            }
            return Mono.just(mongo.named(COLLECTION)).flatMap(c -> FirstInserts.insert(c, docs).flatMap(recorded -> {
                Set<Object> recordedNow = new HashSet<>();
                List<Object> before = new ArrayList<>();
                for (int k = 0; k < recorded.length; k++) {
                    fresh[positions.get(k)] = recorded[k];
                    (recorded[k] ? recordedNow : before).add(docs.get(k).get("_id"));
                }
                before.removeAll(recordedNow); // a repeat within this delivery is published once
                if (before.isEmpty()) {
                    return Mono.just(fresh);
                }
                return Flux.from(c.find(Filters.and(Filters.in("_id", before), Filters.eq(PENDING, true)))
                        .projection(new Document("_id", 1))).map(doc -> doc.get("_id")).collect(Collectors.toSet())
                        .map(unpublished -> {
                            Set<Object> once = new HashSet<>();
                            for (int k = 0; k < recorded.length; k++) {
                                Object id = docs.get(k).get("_id");
                                if (!recorded[k] && unpublished.contains(id) && once.add(id)) {
                                    fresh[positions.get(k)] = true;
                                }
                            }
                            return fresh;
                        });
            }));
        }

        /** The items published (element i true) were acknowledged by the broker: their receipts now count. */
        @Override
        public Mono<Void> published(boolean[] published) {
            List<String> confirmed = new ArrayList<>();
            for (int i = 0; i < published.length; i++) {
                if (published[i]) {
                    confirmed.add(ids.get(i));
                }
            }
            return confirmed.isEmpty() ? Mono.empty() : Mono.just(mongo.named(COLLECTION)).flatMap(c -> Mono.from(
                    c.updateMany(Filters.in("_id", confirmed), new Document("$unset", new Document(PENDING, "")))))
                    .then();
        }

        /** Publishing failed: forget the items this delivery was to publish, so Meta's retry publishes them. */
        @Override
        public Mono<Void> forget(boolean[] recorded) {
            List<Document> docs = ids.stream().map(id -> new Document("_id", id)).toList();
            return Mono.just(mongo.named(COLLECTION)).flatMap(c -> FirstInserts.undo(c, docs, recorded));
        }
    }

    /**
     * The eventId of the event an item becomes, the same on every attempt (a UUID named by the item's keyed digest):
     * a publication repeated by a redelivery is recognised by every consumer that dedupes by eventId.
     */
    @Override
    public String eventId(String dedupeKey) {
        return UUID.nameUUIDFromBytes(keyedDigests.of(EVENT_DOMAIN + dedupeKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The keys among these that a receipt of the unkeyed format (before the upgrade) already recorded. */
    private Mono<Set<String>> legacyRecorded(List<String> dedupeKeys) {
        Map<String, String> keyByDigest = new HashMap<>();
        dedupeKeys.forEach(key -> keyByDigest.put(legacyDigest(key), key));
        return Mono.just(mongo.named(COLLECTION))
                .flatMapMany(c -> Flux.from(c.find(Filters.in("_id", keyByDigest.keySet()))
                        .projection(new Document("_id", 1))))
                .map(doc -> keyByDigest.get(doc.getString("_id"))).collect(Collectors.toSet());
    }

    @Scheduled(fixedDelayString = "PT1H")
    void prune() {
        pruneNow().subscribe();
    }

    /** Deletes the receipts older than a week, then looks whether any of the unkeyed format is left. */
    Mono<Void> pruneNow() {
        Date cutoff = Date.from(Instant.now().minus(KEEP));
        return Mono.just(mongo.named(COLLECTION)).flatMap(c -> Mono.from(c.deleteMany(Filters.lt("at", cutoff)))
                .then(Mono.from(c.find(Filters.regex("_id", LEGACY_ID)).projection(new Document("_id", 1)).first())
                        .hasElement()))
                .doOnNext(left -> legacyReceipts = left).then();
    }

    private String digest(String key) {
        return keyedDigests.of(DOMAIN + key);
    }

    /** The receipt format before the keyed digests: SHA-256 hex of the key. */
    static String legacyDigest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
