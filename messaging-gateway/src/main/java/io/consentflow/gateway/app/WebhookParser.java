package io.consentflow.gateway.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads every payload shape of Meta's webhook leniently: unknown fields, fields and message types are skipped or
 * kept as {@code unsupported}, never an error. Runs only after the signature was verified.
 */
final class WebhookParser {

    static final Set<String> KNOWN_TYPES = Set.of("text", "button", "interactive", "image", "audio", "video",
            "document", "sticker", "location", "contacts", "reaction", "order", "system", "request_welcome",
            "unsupported");

    private final ObjectMapper json;

    WebhookParser(ObjectMapper json) {
        this.json = json;
    }

    List<WebhookItem> parse(byte[] body) {
        JsonNode root = json.readTree(body);
        List<WebhookItem> items = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                String phoneNumberId = value.path("metadata").path("phone_number_id").asString("");
                for (JsonNode message : value.path("messages")) {
                    inbound(message, phoneNumberId, items);
                }
                for (JsonNode status : value.path("statuses")) {
                    status(status, items);
                }
                for (JsonNode preference : value.path("user_preferences")) {
                    preference(preference, items);
                }
            }
        }
        return items;
    }

    private static void inbound(JsonNode message, String phoneNumberId, List<WebhookItem> items) {
        String wamid = message.path("id").asString("");
        String from = message.path("from").asString("");
        if (wamid.isEmpty() || from.isEmpty()) {
            return;
        }
        String type = message.path("type").asString("unsupported");
        String text = null;
        String payload = null;
        String title = null;
        switch (type) {
            case "text" -> text = message.path("text").path("body").asString(null);
            case "button" -> {
                payload = message.path("button").path("payload").asString(null);
                title = message.path("button").path("text").asString(null);
            }
            case "interactive" -> {
                JsonNode interactive = message.path("interactive");
                JsonNode reply = interactive.has("button_reply") ? interactive.path("button_reply")
                        : interactive.path("list_reply");
                payload = reply.path("id").asString(null);
                title = reply.path("title").asString(null);
            }
            default -> {
                // other types carry media or structured content the consent flows do not need
            }
        }
        items.add(new WebhookItem.Inbound(wamid, from, KNOWN_TYPES.contains(type) ? type : "unsupported", text,
                payload, title, seconds(message.path("timestamp")), phoneNumberId));
    }

    private static void status(JsonNode status, List<WebhookItem> items) {
        String wamid = status.path("id").asString("");
        if (wamid.isEmpty()) {
            return;
        }
        JsonNode code = status.path("errors").path(0).path("code");
        // the gateway sends the requestId as biz_opaque_callback_data; Meta echoes it in the message's statuses
        String callbackData = status.path("biz_opaque_callback_data").asString(null);
        items.add(new WebhookItem.Status(wamid, status.path("status").asString("unknown"),
                seconds(status.path("timestamp")), code.isMissingNode() || code.isNull() ? null : code.asInt(),
                callbackData == null || callbackData.isBlank() ? null : callbackData));
    }

    private static void preference(JsonNode preference, List<WebhookItem> items) {
        String waId = preference.path("wa_id").asString("");
        String value = preference.path("value").asString("");
        if (!waId.isEmpty() && !value.isEmpty()) {
            items.add(new WebhookItem.Preference(waId, value, seconds(preference.path("timestamp"))));
        }
    }

    private static Instant seconds(JsonNode timestamp) {
        long seconds = timestamp.asLong(0);
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : Instant.now();
    }
}
