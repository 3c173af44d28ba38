package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.InboundMessage;
import io.consentflow.gateway.domain.WebhookSignature;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Meta's webhook deliveries have a limit of their own (3 MB, Meta's largest payload), far above the 64 KB that
 * bounds every other request body: a batch Meta sends is never refused for its size (Meta would retry it until it
 * gave up, and an inbound STOP in it would be lost), and a body over the webhook's limit is refused before anything
 * in it is read.
 */
@GatewayTest
class WebhookBodySizeTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Meta allows 4,096 characters in a text message. */
    private static final int LONGEST_TEXT = 4_096;

    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    WebTestClient web;

    @Test
    void aSignedBatchOfLongMessagesFarAboveTheApisBodyLimitIsAcceptedAndEveryMessagePublished() {
        String sender = digits(randomNumber());
        List<String> wamids = IntStream.range(0, 80).mapToObj(i -> "wamid." + UUID.randomUUID()).toList();
        String batch = messages(sender, wamids, "Bitte keine Werbung mehr, danke. ".repeat(LONGEST_TEXT / 33));
        assertThat(batch.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(300_000); // over 64 KB and 256 KB

        post(batch).expectStatus().isOk();

        for (String wamid : List.of(wamids.get(0), wamids.get(wamids.size() - 1))) {
            InboundMessage published = kafka.await(Topics.WHATSAPP_INBOUND.name(), InboundMessage.class,
                    m -> m.getWamid().equals(wamid), WAIT);
            assertThat(published.getFrom()).isEqualTo("+" + sender);
        }
    }

    @Test
    void aDeliveryOverTheWebhooksLimitIsRefusedWith413AndNothingInItIsPublished() {
        String sender = digits(randomNumber());
        String refused = "wamid." + UUID.randomUUID();
        String oversized = messages(sender, List.of(refused), "x".repeat(3 * 1024 * 1024));

        post(oversized).expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");

        // positive control: a delivery after it is published, so the refused one would have been by then
        String sentinel = "wamid." + UUID.randomUUID();
        post(messages(sender, List.of(sentinel), "hallo")).expectStatus().isOk();
        kafka.await(Topics.WHATSAPP_INBOUND.name(), InboundMessage.class, m -> m.getWamid().equals(sentinel), WAIT);
        AvroEventDeserializer avro = new AvroEventDeserializer();
        assertThat(kafka.readAllRaw(Topics.WHATSAPP_INBOUND.name(), Duration.ofSeconds(10)).stream()
                .map(r -> avro.deserialize(r.topic(), r.value())).filter(InboundMessage.class::isInstance)
                .map(m -> ((InboundMessage) m).getWamid()))
                .contains(sentinel).doesNotContain(refused);
    }

    private WebTestClient.ResponseSpec post(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return web.post().uri("/webhooks/whatsapp").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", WebhookSignature.sign(WebhookTests.SECRET, bytes))
                .bodyValue(bytes).exchange();
    }

    /** One delivery with these text messages from one sender, as Meta batches them. */
    private static String messages(String waId, List<String> wamids, String text) {
        String items = String.join(",", wamids.stream().map(wamid -> "{\"from\":\"" + waId + "\",\"id\":\"" + wamid
                + "\",\"timestamp\":\"" + Instant.now().getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\""
                + text + "\"}}").toList());
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"100000000000001\"},\"contacts\":[{\"profile\":{\"name\":\"A\"},\"wa_id\":\""
                + waId + "\"}],\"messages\":[" + items + "]},\"field\":\"messages\"}]}]}";
    }
}
