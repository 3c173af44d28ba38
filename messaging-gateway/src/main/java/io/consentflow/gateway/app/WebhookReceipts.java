package io.consentflow.gateway.app;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Which webhook items were published, so Meta's redeliveries are published once (port;
 * {@code adapters.mongo.MongoWebhookReceipts}). A receipt counts once the broker acknowledged its item.
 */
public interface WebhookReceipts {

    /**
     * A delivery's items, each key digested once for the recording, the confirmation and (on failure) the forgetting:
     * the keyed digests were computed again by every step, a tenth of the status webhooks' CPU.
     */
    Delivery delivery(List<String> dedupeKeys);

    /** The eventId of the event an item becomes, the same on every attempt. */
    String eventId(String dedupeKey);

    /** The receipts of one delivery's items, in the delivery's order. */
    interface Delivery {

        /**
         * Records the items (pending until {@link #published}); element i is true when item i is to be published:
         * new, or recorded by an earlier attempt that never confirmed its publication.
         */
        Mono<boolean[]> firstTime();

        /** The items published (element i true) were acknowledged by the broker: their receipts now count. */
        Mono<Void> published(boolean[] published);

        /** Publishing failed: forget the items this delivery was to publish, so Meta's retry publishes them. */
        Mono<Void> forget(boolean[] recorded);
    }
}
