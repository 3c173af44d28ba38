package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.Fixtures.digits;
import static io.consentflow.gateway.support.Fixtures.marketing;
import static io.consentflow.gateway.support.Fixtures.randomNumber;
import static io.consentflow.gateway.support.Fixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.events.ConsentStatus;
import io.consentflow.events.DeliveryStatus;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MarketingPreference;
import io.consentflow.events.MarketingPreferenceChanged;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageFailed;
import io.consentflow.events.MessageIntent;
import io.consentflow.events.MessageSent;
import io.consentflow.events.MessageStatusChanged;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.adapters.mongo.MongoMessageLog;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.WebhookSignature;
import io.consentflow.gateway.support.Fixtures;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.gateway.support.SpecSchemas;
import io.consentflow.rules.intent.IntentRecogniser;
import io.consentflow.schemas.AvroEventDeserializer;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

@GatewayTest
public class WebhookTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The app secret the test context signs with (GatewayTest). */
    public static final String SECRET = "current-test-secret";
    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    @Autowired
    WebTestClient web;
    @Autowired
    ConsentTable consents;
    @Autowired
    MongoMessageLog log;
    @Autowired
    ConsentLookup lookup;

    private WebTestClient.ResponseSpec post(String body, String signature) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return web.post().uri("/webhooks/whatsapp").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (signature != null) {
                        h.set("X-Hub-Signature-256", signature);
                    }
                }).bodyValue(bytes).exchange();
    }

    private WebTestClient.ResponseSpec signed(String body) {
        return post(body, WebhookSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    public static String textMessage(String waId, String wamid, String type, String text) {
        String content = type.equals("text") ? ",\"text\":{\"body\":\"" + text + "\"}" : "";
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"100000000000001\"},\"contacts\":[{\"profile\":{\"name\":\"A\"},\"wa_id\":\""
                + waId + "\"}],\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"type\":\"" + type + "\"" + content + "}]},"
                + "\"field\":\"messages\"}]}]}";
    }

    /** A status echoing {@code biz_opaque_callback_data}, as Meta sends it for a message the gateway sent. */
    public static String statusEchoing(String wamid, String status, String callbackData) {
        return status(wamid, status, null).replace("\"recipient_id\":\"1\"",
                "\"recipient_id\":\"1\",\"biz_opaque_callback_data\":\"" + callbackData + "\"");
    }

    public static String status(String wamid, String status, Integer errorCode) {
        String errors = errorCode == null ? "" : ",\"errors\":[{\"code\":" + errorCode + ",\"title\":\"x\"}]";
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"100000000000001\"},\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\""
                + status + "\",\"timestamp\":\"" + Instant.now().getEpochSecond() + "\",\"recipient_id\":\"1\""
                + errors + "}]},\"field\":\"messages\"}]}]}";
    }

    private InboundMessage awaitInbound(String wamid) {
        return kafka.await(Topics.WHATSAPP_INBOUND.name(), InboundMessage.class, m -> m.getWamid().equals(wamid),
                WAIT);
    }

    @Test
    void verificationHandshakeEchoesTheChallengeOnlyWithTheRightToken() {
        web.get().uri("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=local-verify-token&hub.challenge=1158201444")
                .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).isEqualTo("1158201444");
        web.get().uri("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")
                .exchange().expectStatus().isForbidden();
        web.get().uri("/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=local-verify-token&hub.challenge=1")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void everyExamplePayloadOfMetasSpecIsAcceptedWhenSigned() {
        Map<String, JsonNode> examples = SpecSchemas.webhookExamples();
        assertThat(examples).hasSize(16);
        examples.forEach((name, payload) -> signed(payload.toString()).expectStatus().isOk());
        // the spec reuses one wamid in four examples: as a redelivery, only the first of them is published
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode payload : examples.values()) {
            for (JsonNode entry : payload.path("entry")) {
                for (JsonNode change : entry.path("changes")) {
                    for (JsonNode message : change.path("value").path("messages")) {
                        if (!seen.add(message.path("id").asString())) {
                            continue;
                        }
                        InboundMessage inbound = awaitInbound(message.path("id").asString());
                        assertThat(inbound.getFrom()).isEqualTo("+" + message.path("from").asString());
                        assertThat(inbound.getContactKey()).isEqualTo(Fixtures.KEYS.of(inbound.getFrom()));
                        assertThat(inbound.getType()).isEqualTo(message.path("type").asString());
                        assertThat(inbound.getText()).as("the reading is published, not the text").isNull();
                        assertThat(inbound.getIntent()).isNotNull();
                        assertThat(inbound.getRecogniserVersion()).isEqualTo(IntentRecogniser.VERSION);
                    }
                }
            }
        }
        InboundMessage button = awaitInbound("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUU0M0MxQzQzMUJCMTMwNUZFOQA=");
        assertThat(button.getButtonPayload()).isEqualTo("Unsubscribe");
        assertThat(button.getIntent()).isEqualTo(MessageIntent.STOP);
    }

    @Test
    void unknownMessageTypesAreKeptAsUnsupported() {
        String wamid = "wamid." + UUID.randomUUID();
        signed(textMessage(digits(randomNumber()), wamid, "hologram", null)).expectStatus().isOk();
        assertThat(awaitInbound(wamid).getType()).isEqualTo("unsupported");
    }

    @Test
    void signatureFailuresAreRefusedAndPublishNothing() {
        String waId = digits(randomNumber());
        String missing = "wamid." + UUID.randomUUID();
        String wrong = "wamid." + UUID.randomUUID();
        post(textMessage(waId, missing, "text", "hi"), null).expectStatus().isUnauthorized();
        String body = textMessage(waId, wrong, "text", "hi");
        post(body, WebhookSignature.sign("not-the-secret", body.getBytes(StandardCharsets.UTF_8)))
                .expectStatus().isForbidden();
        // same bytes signed correctly, but one byte changed after signing
        String tampered = WebhookSignature.sign(SECRET, body.getBytes(StandardCharsets.UTF_8));
        post(body.replace("hi", "ho"), tampered).expectStatus().isForbidden();
        // a later valid delivery for the same number (same partition, so ordered after the refused ones)
        String sentinel = "wamid." + UUID.randomUUID();
        signed(textMessage(waId, sentinel, "text", "ok")).expectStatus().isOk();
        awaitInbound(sentinel);
        assertThat(inboundWamids()).doesNotContain(missing, wrong);
    }

    @Test
    void thePreviousSecretIsAcceptedDuringRotation() {
        String wamid = "wamid." + UUID.randomUUID();
        String body = textMessage(digits(randomNumber()), wamid, "text", "hi");
        post(body, WebhookSignature.sign("previous-test-secret", body.getBytes(StandardCharsets.UTF_8)))
                .expectStatus().isOk();
        awaitInbound(wamid);
    }

    @Test
    void aRedeliveredMessageIsPublishedOnce() {
        String waId = digits(randomNumber());
        String wamid = "wamid." + UUID.randomUUID();
        String body = textMessage(waId, wamid, "text", "JA");
        signed(body).expectStatus().isOk();
        signed(body).expectStatus().isOk();
        String sentinel = "wamid." + UUID.randomUUID();
        signed(textMessage(waId, sentinel, "text", "ok")).expectStatus().isOk();
        awaitInbound(sentinel);
        assertThat(inboundWamids().stream().filter(wamid::equals)).hasSize(1);
    }

    @Test
    void statusesAreMappedBackToTheRequestAnd131050BecomesMessageFailed() {
        String subject = UUID.randomUUID().toString();
        String number = randomNumber();
        kafka.publish(Topics.CONSENT_STATE.name(), Fixtures.KEYS.of(number),
                snapshot(number, subject, ConsentStatus.CONFIRMED, List.of("offers")));
        await().atMost(WAIT).until(() -> consents.get(Fixtures.KEYS.of(number)) != null);
        SendRequest request = marketing(number).build();
        kafka.publish(Topics.SEND_REQUESTS.name(), number, request);
        MessageSent sent = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                m -> m.getRequestId().equals(request.getRequestId()), WAIT);

        signed(status(sent.getWamid(), "delivered", null)).expectStatus().isOk();
        MessageStatusChanged delivered = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageStatusChanged.class,
                s -> s.getWamid().equals(sent.getWamid()) && s.getStatus() == DeliveryStatus.DELIVERED, WAIT);
        assertThat(delivered.getRequestId()).isEqualTo(request.getRequestId());
        assertThat(delivered.getSubjectId()).isEqualTo(subject);

        signed(status(sent.getWamid(), "failed", 131050)).expectStatus().isOk();
        // refused here at once, before consent-service's snapshot (none comes in this test)
        assertThat(lookup.facts(Fixtures.KEYS.of(number)).marketingStoppedAtMeta()).isTrue();
        MessageFailed stop = kafka.await(Topics.MESSAGE_EVENTS.name(), MessageFailed.class,
                f -> sent.getWamid().equals(f.getWamid()), WAIT);
        assertThat(stop.getErrorCode()).isEqualTo(131050);
        assertThat(stop.getSubjectId()).isEqualTo(subject);
        assertThat(stop.getCategory()).isEqualTo(MessageCategory.MARKETING);
    }

    /** One delivery carrying several statuses, as Meta batches them: {@code statuses} is "wamid:status,...". */
    /** One delivery of statuses, each given as "wamid status" or "wamid status echoedRequestId". */
    static String statuses(String... wamidAndStatus) {
        StringBuilder items = new StringBuilder();
        for (String pair : wamidAndStatus) {
            String[] parts = pair.split(" ");
            items.append(items.isEmpty() ? "" : ",").append("{\"id\":\"").append(parts[0])
                    .append("\",\"status\":\"").append(parts[1]).append("\",\"timestamp\":\"")
                    .append(Instant.now().getEpochSecond()).append("\",\"recipient_id\":\"1\"")
                    .append(parts.length > 2 ? ",\"biz_opaque_callback_data\":\"" + parts[2] + "\"" : "").append("}");
        }
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"100000000000001\"},\"statuses\":[" + items + "]},\"field\":\"messages\"}]}]}";
    }

    @Test
    void aBatchOfStatusesIsPublishedOnceEachInOrderAndReachesEveryTimeline() {
        MessageSent first = sendConsented();
        MessageSent second = sendConsented();
        String unknown = "wamid." + UUID.randomUUID();
        String batch = statuses(first.getWamid() + " sent", first.getWamid() + " delivered", second.getWamid()
                + " delivered", first.getWamid() + " delivered", unknown + " read");
        signed(batch).expectStatus().isOk();
        signed(batch).expectStatus().isOk(); // Meta's redelivery of the whole batch
        signed(statuses(second.getWamid() + " read")).expectStatus().isOk(); // sentinel, after both
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageStatusChanged.class,
                s -> s.getWamid().equals(second.getWamid()) && s.getStatus() == DeliveryStatus.READ, WAIT);

        List<MessageStatusChanged> published = statusEvents(Set.of(first.getWamid(), second.getWamid(), unknown));
        // the order that counts is per message: its statuses share a key, hence a partition; a message's statuses
        // of one delivery are one event (earlier ones first, then its status), each status in exactly one event
        Map<String, List<String>> byWamid = published.stream().collect(java.util.stream.Collectors.groupingBy(
                MessageStatusChanged::getWamid, java.util.stream.Collectors.mapping(WebhookTests::statusesOf,
                        java.util.stream.Collectors.toList())));
        assertThat(byWamid).containsOnly(Map.entry(first.getWamid(), List.of("SENT+DELIVERED")),
                Map.entry(second.getWamid(), List.of("DELIVERED", "READ")), Map.entry(unknown, List.of("READ")));
        MessageStatusChanged merged = published.stream().filter(s -> s.getWamid().equals(first.getWamid()))
                .findFirst().orElseThrow();
        assertThat(merged.getEarlierStatuses().get(0).getStatusAt()).isNotNull();
        assertThat(published).allSatisfy(s -> assertThat(s.getRequestId()).isEqualTo(
                s.getWamid().equals(first.getWamid()) ? first.getRequestId()
                        : s.getWamid().equals(second.getWamid()) ? second.getRequestId() : null));
        assertThat(timelineKinds(first.getRequestId())).containsSubsequence("SENT", "STATUS_SENT", "STATUS_DELIVERED")
                .doesNotHaveDuplicates();
        assertThat(timelineKinds(second.getRequestId())).containsSubsequence("SENT", "STATUS_DELIVERED",
                "STATUS_READ");
    }

    /** An event's statuses as Meta listed them: "SENT+DELIVERED" for a delivered status with an earlier sent. */
    private static String statusesOf(MessageStatusChanged event) {
        List<String> all = new java.util.ArrayList<>();
        event.getEarlierStatuses().forEach(earlier -> all.add(earlier.getStatus().name()));
        all.add(event.getStatus().name());
        return String.join("+", all);
    }

    private MessageSent sendConsented() {
        String number = randomNumber();
        kafka.publish(Topics.CONSENT_STATE.name(), Fixtures.KEYS.of(number),
                snapshot(number, UUID.randomUUID().toString(), ConsentStatus.CONFIRMED, List.of("offers")));
        await().atMost(WAIT).until(() -> consents.get(Fixtures.KEYS.of(number)) != null);
        SendRequest request = marketing(number).build();
        kafka.publish(Topics.SEND_REQUESTS.name(), number, request);
        return kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                m -> m.getRequestId().equals(request.getRequestId()), WAIT);
    }

    /** The MessageStatusChanged events of these wamids, each partition in offset order. */
    private List<MessageStatusChanged> statusEvents(Set<String> wamids) {
        var deserializer = new AvroEventDeserializer();
        return kafka.readAllRaw(Topics.MESSAGE_EVENTS.name(), Duration.ofSeconds(10)).stream()
                .map(r -> deserializer.deserialize(r.topic(), r.value()))
                .filter(MessageStatusChanged.class::isInstance).map(MessageStatusChanged.class::cast)
                .filter(s -> wamids.contains(s.getWamid())).toList();
    }

    private List<String> timelineKinds(String requestId) {
        return MongoMessageLog.timeline(log.find(requestId).block()).stream()
                .map(entry -> entry.getString("kind")).toList();
    }

    @Test
    void userPreferencesBecomeMarketingPreferenceChanged() {
        String number = randomNumber();
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"100000000000001\"},\"contacts\":[{\"wa_id\":\"" + digits(number) + "\"}],"
                + "\"user_preferences\":[{\"wa_id\":\"" + digits(number) + "\",\"detail\":\"User requested to stop"
                + " marketing messages\",\"category\":\"marketing_messages\",\"value\":\"stop\",\"timestamp\":"
                + Instant.now().getEpochSecond() + "}]},\"field\":\"user_preferences\"}]}]}";
        signed(body).expectStatus().isOk();
        MarketingPreferenceChanged change = kafka.await(Topics.WHATSAPP_INBOUND.name(),
                MarketingPreferenceChanged.class, c -> c.getFrom().equals(number), WAIT);
        assertThat(change.getValue()).isEqualTo(MarketingPreference.STOP);
        assertThat(change.getContactKey()).isEqualTo(Fixtures.KEYS.of(number));
    }

    @Test
    void anInboundMessageOpensTheServiceWindowForAFreeTextReply() {
        String number = randomNumber();
        String wamid = "wamid." + UUID.randomUUID();
        signed(textMessage(digits(number), wamid, "text", "Hallo")).expectStatus().isOk();
        awaitInbound(wamid);
        SendRequest reply = Fixtures.signedByHelpdesk(SendRequest.newBuilder(marketing(number).build())
                .setCategory(MessageCategory.SERVICE).setTemplate(null).setPurpose(null)
                .setText("Wie können wir helfen?").build());
        kafka.publish(Topics.SEND_REQUESTS.name(), number, reply);
        kafka.await(Topics.MESSAGE_EVENTS.name(), MessageSent.class,
                m -> m.getRequestId().equals(reply.getRequestId()), WAIT);
    }

    private List<String> inboundWamids() {
        var deserializer = new AvroEventDeserializer();
        return kafka.readAllRaw(Topics.WHATSAPP_INBOUND.name(), Duration.ofSeconds(10)).stream()
                .map(r -> deserializer.deserialize(r.topic(), r.value()))
                .filter(InboundMessage.class::isInstance).map(m -> ((InboundMessage) m).getWamid()).toList();
    }
}
