package io.consentflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema validator the other tests rely on accepts Meta's own webhook and response examples and rejects
 * broken payloads: so a failure elsewhere means the simulator, not the validator set-up, is wrong.
 */
class SpecSelfCheckTest {

    /**
     * Examples of message types the simulator never sends, whose schemas have further defects (location
     * coordinates typed as strings, contact phone types without MOBILE, unsupported errors requiring "type")
     * and group events: left out rather than patched.
     */
    private static final Set<String> NOT_PRODUCED = Set.of("Location Message", "Contact Sharing Message",
            "Unsupported Message", "Group Create Message", "Group Settings Update", "Group Remove Participants");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void webhookExamplesOfTheSpecAreValid() {
        JsonNode examples = SpecSchemas.spec().path("paths").path("/whatsapp/webhooks").path("post")
                .path("requestBody").path("content").path("application/json").path("examples");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, JsonNode> example : examples.properties()) {
            if (NOT_PRODUCED.contains(example.getKey())) {
                continue;
            }
            checked++;
            List<String> errors = SpecSchemas.errors("WebhookPayload", example.getValue().path("value"));
            if (!errors.isEmpty()) {
                failures.add(example.getKey() + " -> " + errors);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).as("text, button, interactive, reaction, image, order, system examples").isGreaterThan(8);
    }

    @Test
    void sendResponseExamplesOfTheSpecAreValid() {
        JsonNode example = SpecSchemas.spec().path("paths").path("/{Version}/{Phone-Number-ID}/marketing_messages")
                .path("post").path("responses").path("200").path("content").path("application/json")
                .path("examples").path("Successful Response").path("value");
        assertThat(SpecSchemas.errors("MarketingMessageResponsePayload", example)).isEmpty();
    }

    @Test
    void brokenPayloadsAreRejected() {
        ObjectNode button = (ObjectNode) example("Button Message").deepCopy();
        ObjectNode message = (ObjectNode) button.path("entry").get(0).path("changes").get(0).path("value")
                .path("messages").get(0);
        message.remove("context");
        assertThat(SpecSchemas.errors("WebhookPayload", button)).isNotEmpty();

        ObjectNode text = (ObjectNode) example("Text Message").deepCopy();
        ((ObjectNode) text.path("entry").get(0).path("changes").get(0).path("value").path("messages").get(0))
                .remove("timestamp");
        assertThat(SpecSchemas.errors("WebhookPayload", text)).isNotEmpty();

        JsonNode badStatus = json.readTree("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":
                {"messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"2"},
                "statuses":[{"id":"wamid.x","status":"seen","timestamp":"1","recipient_id":"49"}]}}]}]}""");
        assertThat(SpecSchemas.errors("WebhookPayload", badStatus)).isNotEmpty();

        JsonNode badError = json.readTree("{\"error\":{\"message\":\"x\",\"code\":\"131026\"}}");
        assertThat(SpecSchemas.errors("ErrorResponse", badError)).isNotEmpty();
    }

    /**
     * Meta delivers several status updates in one POST; the schema takes statuses[] of any length and checks every
     * item, so the simulator's batched payloads are held to the same rules as single ones.
     */
    @Test
    void multiStatusPayloadsAreValidAndEveryItemIsChecked() {
        String batch = """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":
                {"messaging_product":"whatsapp","metadata":{"display_phone_number":"1","phone_number_id":"2"},
                "statuses":[
                {"id":"wamid.a","status":"sent","timestamp":"1","recipient_id":"49",
                 "pricing":{"billable":true,"pricing_model":"PMP","category":"marketing"}},
                {"id":"wamid.b","status":"failed","timestamp":"1","recipient_id":"49","errors":[{"code":131050,
                 "title":"t","message":"m","error_data":{"details":"d"},"href":"https://example.test"}]},
                {"id":"wamid.a","status":"%s","timestamp":"2","recipient_id":"49",
                 "pricing":{"billable":true,"pricing_model":"PMP","category":"marketing"}}]}}]}]}""";
        assertThat(SpecSchemas.errors("WebhookPayload", json.readTree(batch.formatted("delivered")))).isEmpty();
        assertThat(SpecSchemas.errors("WebhookPayload", json.readTree(batch.formatted("seen"))))
                .as("a bad third status is found").isNotEmpty();
    }

    private static JsonNode example(String name) {
        return SpecSchemas.spec().path("paths").path("/whatsapp/webhooks").path("post").path("requestBody")
                .path("content").path("application/json").path("examples").path(name).path("value");
    }
}
