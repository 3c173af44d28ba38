package io.consentflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GET /{Version}/{WABA-ID}/message_templates as Meta's spec describes it, served from the configured templates, and
 * the control API's template changes (Meta's review pausing or re-categorising a template).
 */
class MessageTemplatesTests extends SimulatorTestSupport {

    private static final String WABA_ID = "100000000000002";
    private static final String PATH = "/{Version}/{WABA-ID}/message_templates";

    private Response templates(String query) {
        return send("GET", "/v23.0/" + WABA_ID + "/message_templates" + query, null, "Bearer " + TOKEN);
    }

    private static JsonNode find(JsonNode list, String name, String language) {
        for (JsonNode template : list.path("data")) {
            if (template.path("name").asString().equals(name) && template.path("language").asString().equals(language)) {
                return template;
            }
        }
        throw new AssertionError("no " + name + "/" + language + " in " + list);
    }

    @Test
    void listsTheConfiguredTemplatesWithCategoryStatusAndComponentsPerTheSpec() {
        Response response = templates("?limit=100");

        assertThat(response.status()).isEqualTo(200);
        SpecSchemas.assertValidResponse(PATH, "get", "200", response.json());
        JsonNode offer = find(response.json(), "new_collection", "de");
        assertThat(offer.path("category").asString()).isEqualTo("MARKETING");
        assertThat(offer.path("status").asString()).isEqualTo("APPROVED");
        assertThat(offer.path("id").asString()).matches("\\d+");
        assertThat(offer.path("components").valueStream().map(c -> c.path("type").asString()))
                .containsExactly("HEADER", "BODY", "FOOTER", "BUTTONS");
        assertThat(offer.path("components").get(3).path("buttons").findValuesAsString("text"))
                .containsExactly("Ansehen", "Stop promotions");
        assertThat(find(response.json(), "optin_confirmation", "en").path("category").asString())
                .isEqualTo("UTILITY");
        assertThat(response.json().path("data")).hasSize(get("/sim/v1/templates").json().size());
        assertThat(response.json().path("paging").has("next")).isFalse();
    }

    @Test
    void pagesFollowTheAfterCursorAndAreFilteredByName() {
        int total = get("/sim/v1/templates").json().size();
        Response first = templates("?limit=3");
        SpecSchemas.assertValidResponse(PATH, "get", "200", first.json());
        assertThat(first.json().path("data")).hasSize(3);
        String after = first.json().path("paging").path("cursors").path("after").asString();
        assertThat(first.json().path("paging").path("next").asString()).contains("after=" + after);
        Response rest = templates("?limit=100&after=" + after);
        assertThat(rest.json().path("data")).hasSize(total - 3);

        Response named = templates("?name=order_update");
        assertThat(named.json().path("data").findValuesAsString("name")).containsOnly("order_update").hasSize(2);

        assertThat(templates("?after=not-a-cursor").status()).isEqualTo(400);
        assertThat(templates("?limit=0").status()).isEqualTo(400);
    }

    @Test
    void wrongTokenVersionOrAccountAreRefusedAsMetaDoes() {
        Response noToken = send("GET", "/v23.0/" + WABA_ID + "/message_templates", null, null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.json().path("error").path("code").asInt()).isEqualTo(190);
        assertThat(send("GET", "/v1.0/" + WABA_ID + "/message_templates", null, "Bearer " + TOKEN).status())
                .isEqualTo(400);
        Response otherAccount = send("GET", "/v23.0/999/message_templates", null, "Bearer " + TOKEN);
        assertThat(otherAccount.status()).isEqualTo(400);
        assertThat(otherAccount.json().path("error").path("code").asInt()).isEqualTo(100);
    }

    @Test
    void aPausedTemplateIsListedAsPausedAndCannotBeSentUntilReset() {
        Response paused = send("PATCH", "/sim/v1/templates/new_collection/de", Map.of("status", "PAUSED"), null);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("status").asString()).isEqualTo("PAUSED");
        assertThat(find(templates("").json(), "new_collection", "de").path("status").asString()).isEqualTo("PAUSED");
        assertThat(find(templates("").json(), "new_collection", "en").path("status").asString())
                .isEqualTo("APPROVED");

        String number = freshNumber();
        Response refused = cloudApi("messages", Map.of("messaging_product", "whatsapp", "to", "+" + number,
                "type", "template", "template", Map.of("name", "new_collection", "language", Map.of("code", "de"),
                        "components", List.of(Map.of("type", "body", "parameters",
                                List.of(Map.of("type", "text", "text", "Herbst")))))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(132015);

        post("/sim/v1/reset", null);
        assertThat(find(templates("").json(), "new_collection", "de").path("status").asString())
                .isEqualTo("APPROVED");
    }

    @Test
    void aTemplateCanBeRecategorisedAndBadChangesAreProblems() {
        Response changed = send("PATCH", "/sim/v1/templates/order_update/de", Map.of("category", "MARKETING"), null);
        assertThat(changed.json().path("category").asString()).isEqualTo("MARKETING");
        assertThat(find(templates("").json(), "order_update", "de").path("category").asString())
                .isEqualTo("MARKETING");

        Response unknown = send("PATCH", "/sim/v1/templates/nope/de", Map.of("status", "PAUSED"), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(send("PATCH", "/sim/v1/templates/order_update/de", Map.of("status", "SLEEPING"), null).status())
                .isEqualTo(400);
        Response empty = send("PATCH", "/sim/v1/templates/order_update/de", Map.of(), null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("errors").get(0).path("field").asString()).isEqualTo("status");
    }
}
