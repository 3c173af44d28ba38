package io.consentflow.gateway.app;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Which webhook items were published, so Meta's redeliveries are published once (port;
 * {@code adapters.mongo.MongoWebhookReceipts}). A receipt counts once the broker acknowledged its item.
 */
public interface WebhookReceipts {

    /**
     * Records a delivery's items (pending until {@link #published}); element i is true when item i is to be
     * published: new, or recorded by an earlier attempt that never confirmed its publication.
     */
    Mono<boolean[]> firstTime(List<String> dedupeKeys);

    /** The items published (element i true) were acknowledged by the broker: their receipts now count. */
    Mono<Void> published(List<String> dedupeKeys, boolean[] published);

    /** The eventId of the event an item becomes, the same on every attempt. */
    String eventId(String dedupeKey);

    /** Publishing failed: forget the items this delivery was to publish, so Meta's retry publishes them. */
    Mono<Void> forget(List<String> dedupeKeys, boolean[] recorded);
}
