package io.consentflow.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.adapters.web.WebhookTests;
import io.consentflow.gateway.support.SpecSchemas;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every webhook example of Meta's spec parses, with the message type and reply content kept. */
class WebhookParserTest {

    private final WebhookParser parser = new WebhookParser(JsonMapper.builder().build());

    private List<WebhookItem> parse(JsonNode payload) {
        return parser.parse(payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyExampleParsesAndKeepsItsMessageType() {
        Map<String, JsonNode> examples = SpecSchemas.webhookExamples();
        assertThat(examples).hasSize(16);
        int messages = 0;
        for (var example : examples.entrySet()) {
            List<WebhookItem> items = parse(example.getValue());
            JsonNode expected = example.getValue().path("entry").path(0).path("changes").path(0).path("value")
                    .path("messages");
            assertThat(items).as(example.getKey()).hasSize(expected.size());
            for (int i = 0; i < items.size(); i++) {
                var inbound = (WebhookItem.Inbound) items.get(i);
                assertThat(inbound.type()).as(example.getKey()).isEqualTo(expected.path(i).path("type").asString());
                assertThat(inbound.wamid()).isEqualTo(expected.path(i).path("id").asString());
                messages++;
            }
        }
        assertThat(messages).isEqualTo(13);
    }

    @Test
    void repliesKeepTheirPayloads() {
        Map<String, JsonNode> examples = SpecSchemas.webhookExamples();
        var button = (WebhookItem.Inbound) parse(examples.get("Interactive Button Reply Message")).get(0);
        assertThat(button.buttonPayload()).isEqualTo("cancel-button");
        assertThat(button.buttonTitle()).isEqualTo("Cancel");
        var text = (WebhookItem.Inbound) parse(examples.get("Text Message")).get(0);
        assertThat(text.text()).isEqualTo("Does it come in another color?");
        assertThat(text.waId()).isEqualTo("16505551234");
    }

    @Test
    void statusesAndPreferencesParse() {
        var status = (WebhookItem.Status) parser.parse(WebhookTests.status("wamid.X", "failed", 131050)
                .getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(status.errorCode()).isEqualTo(131050);
        assertThat(status.status()).isEqualTo("failed");
    }

    @Test
    void junkIsNotAnError() {
        assertThat(parser.parse("{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(parser.parse("{\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"type\":\"text\"}]}}]}]}"
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
