package io.consentflow.gateway.adapters.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.support.GatewayTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Receipts stored before the keyed digests (bare SHA-256 hex of the key) still stop a redelivery for their week, on
 * the wire server; once the prune removed the last of them, only keyed receipts are looked up.
 */
@GatewayTest
class WebhookReceiptUpgradeTests {

    @Autowired
    MongoWebhookReceipts receipts;
    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void aReceiptOfTheUnkeyedFormatStillCountsUntilItsWeekIsOver() {
        String before = "message|wamid." + UUID.randomUUID();
        String other = "message|wamid." + UUID.randomUUID();
        storeUnkeyed(before, Instant.now().minus(Duration.ofDays(1)));
        receipts.pruneNow().block(); // a day old: kept, and the lookup of unkeyed receipts stays on

        boolean[] toPublish = receipts.delivery(List.of(before, other)).firstTime().block();
        assertThat(toPublish).as("the redelivery, and a new item").containsExactly(false, true);
        assertThat(receipts.delivery(List.of(other)).firstTime().block())
                .as("a keyed receipt, its item not yet published").containsExactly(true);
        receipts.delivery(List.of(before, other)).published(toPublish).block();
        assertThat(receipts.delivery(List.of(other)).firstTime().block()).as("a keyed receipt").containsExactly(false);

        String old = "message|wamid." + UUID.randomUUID();
        storeUnkeyed(old, Instant.now().minus(Duration.ofDays(8)));
        mongo.getCollection("webhook_receipts").flatMap(c -> Mono.from(c.deleteOne(
                new Document("_id", MongoWebhookReceipts.legacyDigest(before))))).block();
        receipts.pruneNow().block();
        assertThat(receipts.delivery(List.of(old)).firstTime().block()).as("pruned with its week")
                .containsExactly(true);
    }

    private void storeUnkeyed(String key, Instant at) {
        mongo.getCollection("webhook_receipts").flatMap(c -> Mono.from(c.insertOne(
                new Document("_id", MongoWebhookReceipts.legacyDigest(key)).append("at", Date.from(at))))).block();
    }
}
