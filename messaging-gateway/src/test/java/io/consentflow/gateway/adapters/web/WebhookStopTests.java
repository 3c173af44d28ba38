package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MessageIntent;
import io.consentflow.gateway.adapters.mongo.MongoWebhookReceipts;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.ConsentStatus;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.WebhookSignature;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The instance that receives a STOP blocks as soon as the signature checks out, without waiting for the receipt,
 * the publication and its own follower. Shown with deliveries that are never published (their item was published
 * before), so only that path can have blocked. And a STOP is acknowledged only once it is published.
 */
@GatewayTest
class WebhookStopTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    WebTestClient web;
    @Autowired
    ConsentTable snapshots;
    @Autowired
    ConsentLookup consents;
    @Autowired
    MongoWebhookReceipts receipts;

    @Test
    void aVerifiedStopBlocksOnTheReceivingInstanceBeforeItIsPublished() {
        String number = consented(Instant.now().minusSeconds(60));
        String wamid = alreadyReceived();
        deliver(WebhookTests.textMessage(digits(number), wamid, "text", "Abmelden bitte"));
        assertThat(consents.facts(Fixtures.KEYS.of(number)).status()).isEqualTo(ConsentStatus.STOPPED);
    }

    @Test
    void aStopOlderThanTheSnapshotDoesNotBlock() {
        // consent-service made this snapshot after the message was written: it reflects it (a later double opt-in)
        String number = consented(Instant.now().plusSeconds(60));
        deliver(WebhookTests.textMessage(digits(number), alreadyReceived(), "text", "STOP"));
        assertThat(consents.facts(Fixtures.KEYS.of(number)).status()).isEqualTo(ConsentStatus.CONFIRMED);
    }

    @Test
    void aRedeliveryPublishesAStopWhoseFirstAttemptRecordedItsReceiptButNeverPublishedIt() {
        // the first attempt stored its receipt, then the sender timed out while the broker restarted and closed the
        // connection, which cancels the attempt: the chaos suite's redeliveries acknowledged 15 STOPs so that never
        // reached whatsapp-inbound
        String number = consented(Instant.now().minusSeconds(60));
        String wamid = "wamid." + UUID.randomUUID();
        List<String> keys = List.of("message|" + wamid);
        assertThat(receipts.delivery(keys).firstTime().block()).containsExactly(true);

        deliver(WebhookTests.textMessage(digits(number), wamid, "text", "STOP"));

        InboundMessage stop = kafka.await(Topics.WHATSAPP_INBOUND.name(), InboundMessage.class,
                message -> message.getWamid().equals(wamid), WAIT);
        assertThat(stop.getIntent()).isEqualTo(MessageIntent.STOP);
        assertThat(stop.getEventId()).as("the eventId every attempt gives it, so consumers apply it once")
                .isEqualTo(receipts.eventId(keys.get(0)));
        assertThat(receipts.delivery(keys).firstTime().block())
                .as("published now: a later redelivery publishes nothing").containsExactly(false);
    }

    @Test
    void anUnsignedStopChangesNothing() {
        String number = consented(Instant.now().minusSeconds(60));
        String body = WebhookTests.textMessage(digits(number), alreadyReceived(), "text", "STOP");
        web.post().uri("/webhooks/whatsapp").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", WebhookSignature.sign("wrong-secret", bytes(body)))
                .bodyValue(bytes(body)).exchange().expectStatus().isForbidden();
        assertThat(consents.facts(Fixtures.KEYS.of(number)).status()).isEqualTo(ConsentStatus.CONFIRMED);
    }

    private String consented(Instant snapshotAt) {
        String number = randomNumber();
        ConsentSnapshot snapshot = snapshot(number, UUID.randomUUID().toString(),
                io.consentflow.events.ConsentStatus.CONFIRMED, List.of("offers"));
        snapshot.setOccurredAt(snapshotAt);
        kafka.publish(Topics.CONSENT_STATE.name(), Fixtures.KEYS.of(number), snapshot);
        await().atMost(WAIT).until(() -> snapshots.get(Fixtures.KEYS.of(number)) != null);
        return number;
    }

    /** A wamid published before (its receipt counts): its delivery is a redelivery and publishes nothing. */
    private String alreadyReceived() {
        String wamid = "wamid." + UUID.randomUUID();
        List<String> keys = List.of("message|" + wamid);
        boolean[] recorded = receipts.delivery(keys).firstTime().block();
        assertThat(recorded).containsExactly(true);
        receipts.delivery(keys).published(recorded).block();
        return wamid;
    }

    private void deliver(String body) {
        web.post().uri("/webhooks/whatsapp").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", WebhookSignature.sign(WebhookTests.SECRET, bytes(body)))
                .bodyValue(bytes(body)).exchange().expectStatus().isOk();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
