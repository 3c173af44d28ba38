package io.consentflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The send endpoints over real HTTP: accepted shapes, Meta's errors, and the per-phone behaviours. */
class CloudApiSendTests extends SimulatorTestSupport {

    static Map<String, Object> template(String to, String name, String language, List<String> params) {
        return Map.of("messaging_product", "whatsapp", "recipient_type", "individual", "to", to, "type", "template",
                "template", Map.of("name", name, "language", Map.of("code", language), "components", List.of(
                        Map.of("type", "body", "parameters",
                                params.stream().map(p -> Map.of("type", "text", "text", p)).toList()))));
    }

    static Map<String, Object> text(String to, String body) {
        return Map.of("messaging_product", "whatsapp", "recipient_type", "individual", "to", to, "type", "text",
                "text", Map.of("preview_url", false, "body", body));
    }

    @Test
    void templateIsAcceptedRenderedAndReportedSentDeliveredRead() {
        String number = freshNumber();
        Map<String, Object> body = Map.of("messaging_product", "whatsapp", "recipient_type", "individual",
                "to", "+" + number, "type", "template", "template", Map.of("name", "optin_confirmation",
                        "language", Map.of("code", "de"), "components", List.of(
                                Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text", "Muster"))),
                                Map.of("type", "button", "sub_type", "quick_reply", "index", "0",
                                        "parameters", List.of(Map.of("type", "payload", "payload", "CONFIRM-1"))))));

        Response response = cloudApi("messages", body);

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        SpecSchemas.assertValid("MessageResponsePayload", json);
        assertThat(json.path("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(json.path("contacts").get(0).path("input").asString()).isEqualTo("+" + number);
        assertThat(json.path("contacts").get(0).path("wa_id").asString()).isEqualTo(number);
        String wamid = json.path("messages").get(0).path("id").asString();
        assertThat(wamid).startsWith("wamid.");

        assertThat(awaitStatuses(wamid, 3)).extracting(status -> status.path("status").asString())
                .containsExactly("sent", "delivered", "read");

        JsonNode chat = get("/sim/v1/phones/" + number + "/messages").json();
        JsonNode out = chat.get(0);
        assertThat(out.path("direction").asString()).isEqualTo("out");
        assertThat(out.path("text").asString()).contains("Bitte bestätige deine Anmeldung").contains("Muster");
        assertThat(out.path("template").path("parameters").get(0).asString()).isEqualTo("Muster");
        assertThat(out.path("buttons").get(0).path("payload").asString()).isEqualTo("CONFIRM-1");
        assertThat(out.path("buttons").get(0).path("title").asString()).isEqualTo("Ja, bestätigen");
        assertThat(out.path("status").asString()).isEqualTo("read");
    }

    @Test
    void marketingTemplateGoesToMarketingMessagesAndAlsoToMessages() {
        String number = freshNumber();
        Response marketing = cloudApi("marketing_messages", template(number, "new_collection", "de", List.of("Herbst")));
        assertThat(marketing.status()).isEqualTo(200);
        SpecSchemas.assertValid("MarketingMessageResponsePayload", marketing.json());

        Response viaMessages = cloudApi("messages", template(number, "new_collection", "en", List.of("Autumn")));
        assertThat(viaMessages.status()).isEqualTo(200);
    }

    @Test
    void marketingMessagesRefusesOtherCategoriesAndFreeText() {
        String number = freshNumber();
        assertError(cloudApi("marketing_messages", template(number, "order_update", "de", List.of("1", "x"))),
                400, 131009);
        assertError(cloudApi("marketing_messages", text(number, "hi")), 400, 131009);
    }

    @Test
    void unknownTemplateOrLanguageIs132001AndWrongParameterCountIs132000() {
        String number = freshNumber();
        assertError(cloudApi("messages", template(number, "no_such_template", "de", List.of())), 404, 132001);
        assertError(cloudApi("messages", template(number, "optin_confirmation", "fr", List.of("x"))), 404, 132001);
        assertError(cloudApi("messages", template(number, "order_update", "de", List.of("only-one"))), 400, 132000);
    }

    @Test
    void tokenVersionPhoneNumberIdAndBodyAreChecked() {
        String number = freshNumber();
        Response noToken = send("POST", "/v23.0/" + PHONE_NUMBER_ID + "/messages", text(number, "x"), null);
        assertError(noToken, 401, 190);
        Response wrongToken = send("POST", "/v23.0/" + PHONE_NUMBER_ID + "/messages", text(number, "x"),
                "Bearer nope");
        assertError(wrongToken, 401, 190);
        assertError(send("POST", "/v99.0/" + PHONE_NUMBER_ID + "/messages", text(number, "x"), "Bearer " + TOKEN),
                400, 2500);
        assertError(send("POST", "/v23.0/123/messages", text(number, "x"), "Bearer " + TOKEN), 400, 100);
        assertError(cloudApi("messages", "{not json"), 400, 100);
        assertError(cloudApi("messages", Map.of("messaging_product", "sms", "to", number, "type", "text",
                "text", Map.of("body", "x"))), 400, 100);
    }

    @Test
    void freeTextNeedsAnOpenCustomerServiceWindow() {
        String closed = freshNumber();
        post("/sim/v1/phones", Map.of("number", closed, "lastInboundAt", Instant.now().minus(Duration.ofHours(25))));
        String wamid = accepted(cloudApi("messages", text(closed, "hello")));
        assertFailedWith(wamid, 131047);

        String open = freshNumber();
        createPhone(open, true, false);
        post("/sim/v1/phones/" + open + "/messages", Map.of("text", "Hallo"));
        String ok = accepted(cloudApi("messages", text(open, "hello back")));
        assertThat(awaitStatuses(ok, 3)).extracting(status -> status.path("status").asString())
                .containsExactly("sent", "delivered", "read");
    }

    @Test
    void interactiveButtonsAreShownAndNeedTheWindow() {
        String number = freshNumber();
        createPhone(number, true, false);
        Map<String, Object> interactive = Map.of("messaging_product", "whatsapp", "recipient_type", "individual",
                "to", number, "type", "interactive", "interactive", Map.of("type", "button",
                        "body", Map.of("text", "Möchtest du Angebote erhalten?"),
                        "action", Map.of("buttons", List.of(
                                Map.of("type", "reply", "reply", Map.of("id", "YES", "title", "Ja")),
                                Map.of("type", "reply", "reply", Map.of("id", "NO", "title", "Nein"))))));
        assertFailedWith(accepted(cloudApi("messages", interactive)), 131047);

        post("/sim/v1/phones/" + number + "/messages", Map.of("text", "START"));
        accepted(cloudApi("messages", interactive));
        JsonNode chat = get("/sim/v1/phones/" + number + "/messages").json();
        JsonNode last = chat.get(chat.size() - 1);
        assertThat(last.path("type").asString()).isEqualTo("interactive");
        assertThat(last.path("buttons").findValuesAsString("payload")).containsExactly("YES", "NO");
    }

    @Test
    void notOnWhatsAppIs131026AndMarketingStoppedIs131050ForMarketingOnly() {
        String offline = freshNumber();
        createPhone(offline, false, false);
        assertFailedWith(accepted(cloudApi("messages", template(offline, "hello_world", "en_US", List.of()))),
                131026);

        String stopped = freshNumber();
        createPhone(stopped, true, true);
        assertFailedWith(accepted(cloudApi("marketing_messages",
                template(stopped, "new_collection", "de", List.of("Herbst")))), 131050);
        String utility = accepted(cloudApi("messages", template(stopped, "order_update", "de", List.of("42", "versandt"))));
        assertThat(awaitStatuses(utility, 3)).extracting(status -> status.path("status").asString())
                .containsExactly("sent", "delivered", "read");
    }

    @Test
    void unknownNumbersBecomePhonesOnWhatsApp() {
        String number = freshNumber();
        accepted(cloudApi("messages", template(number, "hello_world", "en_US", List.of())));
        JsonNode phone = get("/sim/v1/phones/" + number).json();
        assertThat(phone.path("onWhatsApp").asBoolean()).isTrue();
    }

    private String accepted(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        SpecSchemas.assertValid("MessageResponsePayload", response.json());
        return response.json().path("messages").get(0).path("id").asString();
    }

    /** Meta reports recipient-side errors in a failed status webhook after accepting the send. */
    private void assertFailedWith(String wamid, int code) {
        JsonNode status = awaitStatuses(wamid, 1).get(0);
        assertThat(status.path("status").asString()).isEqualTo("failed");
        assertThat(status.path("errors").get(0).path("code").asInt()).isEqualTo(code);
    }

    static void assertError(Response response, int httpStatus, int code) {
        assertThat(response.status()).as(response.body()).isEqualTo(httpStatus);
        JsonNode body = response.json();
        SpecSchemas.assertValid("ErrorResponse", body);
        assertThat(body.path("error").path("code").asInt()).isEqualTo(code);
        assertThat(body.path("error").path("fbtrace_id").asString()).isNotBlank();
        if (code >= 130000 || code == 100) {
            assertThat(body.path("error").path("error_data").path("messaging_product").asString())
                    .isEqualTo("whatsapp");
            assertThat(body.path("error").path("error_data").path("details").asString()).isNotBlank();
        }
    }
}
