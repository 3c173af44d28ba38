package io.consentflow.gateway.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.MessageCategory;
import io.consentflow.events.ReplyButton;
import io.consentflow.events.SendRequest;
import io.consentflow.gateway.app.SendRequests;
import io.consentflow.gateway.support.SpecSchemas;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON the gateway sends validates against the request schemas of Meta's spec. */
class CloudApiRequestsSpecTest {

    static {
        new io.consentflow.schemas.AvroEventDeserializer();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode body(SendRequest request) {
        return JSON.valueToTree(CloudApiRequests.body(SendRequests.message(request)));
    }

    private static SendRequest.Builder text(String text) {
        return SendRequest.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setProducer("test").setRequestId("r-1").setTo("+4915112345678").setCategory(MessageCategory.SERVICE)
                .setText(text);
    }

    @Test
    void templateMessagesAreValidMessages() {
        JsonNode body = body(CloudApiClientTest.template("4915112345678", MessageCategory.UTILITY));
        assertThat(SpecSchemas.errors("Message", body)).isEmpty();
        assertThat(body.path("to").asString()).isEqualTo("4915112345678");
    }

    @Test
    void marketingTemplatesAreValidMarketingPayloads() {
        JsonNode body = body(CloudApiClientTest.template("4915112345678", MessageCategory.MARKETING));
        assertThat(SpecSchemas.errors("MarketingMessageRequestPayload", body)).isEmpty();
    }

    @Test
    void freeTextIsAValidTextMessage() {
        assertThat(SpecSchemas.errors("Message", body(text("Danke, Sie sind abgemeldet.").build()))).isEmpty();
    }

    @Test
    void textWithReplyButtonsIsAValidInteractiveMessage() {
        var request = text("Bitte bestätigen").setButtons(List.of(
                ReplyButton.newBuilder().setPayload("CONFIRM").setTitle("Ja, bestätigen").build())).build();
        assertThat(SpecSchemas.errors("Message", body(request))).isEmpty();
    }

    @Test
    void thePatchedSpecAcceptsMetasOwnTextExamples() {
        // unpatched, not one of Meta's own send examples validates; several template examples also contradict
        // their schema (missing recipient_type, numeric button index), so the self-check covers the text ones
        var examples = SpecSchemas.requestExamples("/{Version}/{Phone-Number-ID}/messages");
        var texts = examples.entrySet().stream().filter(e -> e.getValue().path("type").asString("").equals("text"))
                .toList();
        assertThat(texts).isNotEmpty();
        texts.forEach(e -> assertThat(SpecSchemas.errors("Message", e.getValue())).as(e.getKey()).isEmpty());
    }

    @Test
    void theValidatorRejectsAnInvalidBody() {
        var invalid = (tools.jackson.databind.node.ObjectNode) body(text("x").build());
        invalid.put("type", "no-such-type");
        invalid.remove("messaging_product");
        assertThat(SpecSchemas.errors("Message", invalid)).isNotEmpty();
    }
}
