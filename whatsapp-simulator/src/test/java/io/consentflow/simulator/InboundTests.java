package io.consentflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The phone's side: text, quick-reply taps with context, interactive replies and "stop promotions". */
class InboundTests extends SimulatorTestSupport {

    @Test
    void textArrivesAsSignedMessagesWebhookAndOpensTheWindow() {
        String number = freshNumber();
        createPhone(number, true, false);
        Response sent = post("/sim/v1/phones/" + number + "/messages", Map.of("text", "STOP"));
        assertThat(sent.status()).isEqualTo(200);
        String wamid = sent.json().path("wamid").asString();

        JsonNode change = verifiedWebhook(RECEIVER.await(wamid, 1, Duration.ofSeconds(10)).get(0))
                .path("entry").get(0).path("changes").get(0);
        assertThat(change.path("field").asString()).isEqualTo("messages");
        JsonNode message = change.path("value").path("messages").get(0);
        assertThat(message.path("from").asString()).isEqualTo(number);
        assertThat(message.path("type").asString()).isEqualTo("text");
        assertThat(message.path("text").path("body").asString()).isEqualTo("STOP");
        assertThat(change.path("value").path("contacts").get(0).path("wa_id").asString()).isEqualTo(number);
        assertThat(get("/sim/v1/phones/" + number).json().path("lastInboundAt").isMissingNode()).isFalse();
    }

    @Test
    void tappingAQuickReplySendsAButtonWithPayloadTitleAndContext() {
        String number = freshNumber();
        Map<String, Object> body = Map.of("messaging_product", "whatsapp", "to", number, "type", "template",
                "template", Map.of("name", "optin_confirmation", "language", Map.of("code", "de"), "components",
                        List.of(Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text", "Shop"))),
                                Map.of("type", "button", "sub_type", "quick_reply", "index", 0, "parameters",
                                        List.of(Map.of("type", "payload", "payload", "OPTIN:abc"))))));
        String outbound = cloudApi("messages", body).json().path("messages").get(0).path("id").asString();

        Response tap = post("/sim/v1/phones/" + number + "/messages", Map.of("buttonPayload", "OPTIN:abc"));
        assertThat(tap.status()).isEqualTo(200);
        String wamid = tap.json().path("wamid").asString();
        JsonNode message = verifiedWebhook(RECEIVER.await(wamid, 1, Duration.ofSeconds(10)).get(0))
                .path("entry").get(0).path("changes").get(0).path("value").path("messages").get(0);
        assertThat(message.path("type").asString()).isEqualTo("button");
        assertThat(message.path("button").path("payload").asString()).isEqualTo("OPTIN:abc");
        assertThat(message.path("button").path("text").asString()).isEqualTo("Ja, bestätigen");
        assertThat(message.path("context").path("id").asString()).isEqualTo(outbound);

        JsonNode chat = get("/sim/v1/phones/" + number + "/messages").json();
        JsonNode last = chat.get(chat.size() - 1);
        assertThat(last.path("direction").asString()).isEqualTo("in");
        assertThat(last.path("text").asString()).isEqualTo("Ja, bestätigen");
        assertThat(last.path("replyTo").asString()).isEqualTo(outbound);
    }

    @Test
    void quickReplyWithoutSenderPayloadUsesTheTitle() {
        String number = freshNumber();
        cloudApi("messages", CloudApiSendTests.template(number, "new_collection", "en", List.of("Boots")));
        Response tap = post("/sim/v1/phones/" + number + "/messages", Map.of("buttonPayload", "Stop promotions"));
        assertThat(tap.status()).isEqualTo(200);
        verifiedWebhook(RECEIVER.await(tap.json().path("wamid").asString(), 1, Duration.ofSeconds(10)).get(0));
    }

    @Test
    void tappingAnInteractiveReplyButtonSendsAButtonReply() {
        String number = freshNumber();
        createPhone(number, true, false);
        post("/sim/v1/phones/" + number + "/messages", Map.of("text", "Hi"));
        cloudApi("messages", Map.of("messaging_product", "whatsapp", "to", number, "type", "interactive",
                "interactive", Map.of("type", "button", "body", Map.of("text", "Weiter?"), "action",
                        Map.of("buttons", List.of(Map.of("type", "reply", "reply",
                                Map.of("id", "GO", "title", "Weiter")))))));
        String wamid = post("/sim/v1/phones/" + number + "/messages", Map.of("buttonPayload", "GO")).json()
                .path("wamid").asString();
        JsonNode message = verifiedWebhook(RECEIVER.await(wamid, 1, Duration.ofSeconds(10)).get(0))
                .path("entry").get(0).path("changes").get(0).path("value").path("messages").get(0);
        assertThat(message.path("type").asString()).isEqualTo("interactive");
        assertThat(message.path("interactive").path("button_reply").path("id").asString()).isEqualTo("GO");
        assertThat(message.path("interactive").path("button_reply").path("title").asString()).isEqualTo("Weiter");
    }

    @Test
    void stopPromotionsSendsUserPreferencesAndBlocksMarketing() {
        String number = freshNumber();
        createPhone(number, true, false);
        Response stop = post("/sim/v1/phones/" + number + "/marketing-preference", Map.of("value", "stop"));
        assertThat(stop.status()).isEqualTo(200);
        assertThat(stop.json().path("marketingStopped").asBoolean()).isTrue();
        JsonNode change = verifiedWebhook(RECEIVER.await("user_preferences", 1, Duration.ofSeconds(10)).get(0))
                .path("entry").get(0).path("changes").get(0);
        assertThat(change.path("field").asString()).isEqualTo("user_preferences");
        JsonNode preference = change.path("value").path("user_preferences").get(0);
        assertThat(preference.path("wa_id").asString()).isEqualTo(number);
        assertThat(preference.path("value").asString()).isEqualTo("stop");

        post("/sim/v1/phones/" + number + "/marketing-preference", Map.of("value", "resume"));
        List<WebhookReceiver.Received> both = RECEIVER.await("user_preferences", 2, Duration.ofSeconds(10));
        assertThat(verifiedWebhook(both.get(1)).findValue("user_preferences").get(0).path("value").asString())
                .isEqualTo("resume");
        assertThat(get("/sim/v1/phones/" + number).json().path("marketingStopped").asBoolean()).isFalse();
    }
}
