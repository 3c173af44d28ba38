package io.consentflow.simulator.webhook;

import io.consentflow.simulator.SimulatorProperties;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds webhook payloads in the shape of the spec's webhook examples: object whatsapp_business_account,
 * entry[].changes[].value with messaging_product and metadata, and field "messages" or "user_preferences".
 * Status webhooks are written by {@link StatusJson}.
 * Ordered maps keep the JSON readable in logs and in the receiver.
 */
@Component
public class WebhookPayloads {

    private final SimulatorProperties properties;

    public WebhookPayloads(SimulatorProperties properties) {
        this.properties = properties;
    }

    public Map<String, Object> inboundText(String from, String name, String wamid, Instant at, String body) {
        Map<String, Object> m = message(from, wamid, at, "text");
        m.put("text", Map.of("body", body));
        return inbound(from, name, m);
    }

    /** A tap on a template quick-reply button. */
    public Map<String, Object> inboundButton(String from, String name, String wamid, Instant at, String contextId,
            String payload, String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("context", context(contextId));
        m.putAll(message(from, wamid, at, "button"));
        m.put("button", Map.of("payload", payload, "text", text));
        return inbound(from, name, m);
    }

    /** A tap on an interactive reply button. */
    public Map<String, Object> inboundButtonReply(String from, String name, String wamid, Instant at,
            String contextId, String id, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("context", context(contextId));
        m.putAll(message(from, wamid, at, "interactive"));
        m.put("interactive", Map.of("type", "button_reply", "button_reply", Map.of("id", id, "title", title)));
        return inbound(from, name, m);
    }

    /** The user toggled "Stop promotions" (value stop) or allowed them again (resume). */
    public Map<String, Object> userPreference(String waId, String name, String preference, Instant at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("wa_id", waId);
        p.put("detail", "stop".equals(preference) ? "User requested to stop marketing messages"
                : "User requested to resume marketing messages");
        p.put("category", "marketing_messages");
        p.put("value", preference);
        p.put("timestamp", at.getEpochSecond());
        Map<String, Object> value = value();
        value.put("contacts", List.of(contact(waId, name)));
        value.put("user_preferences", List.of(p));
        return envelope(value, "user_preferences");
    }

    private Map<String, Object> inbound(String from, String name, Map<String, Object> message) {
        Map<String, Object> value = value();
        value.put("contacts", List.of(contact(from, name)));
        value.put("messages", List.of(message));
        return envelope(value, "messages");
    }

    private Map<String, Object> message(String from, String wamid, Instant at, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("id", wamid);
        m.put("timestamp", epoch(at));
        m.put("type", type);
        return m;
    }

    private Map<String, Object> context(String contextId) {
        return Map.of("from", properties.displayPhoneNumber(), "id", contextId);
    }

    private static Map<String, Object> contact(String waId, String name) {
        return Map.of("profile", Map.of("name", name), "wa_id", waId);
    }

    private Map<String, Object> value() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("messaging_product", "whatsapp");
        value.put("metadata", Map.of("display_phone_number", properties.displayPhoneNumber(),
                "phone_number_id", properties.phoneNumberId()));
        return value;
    }

    private Map<String, Object> envelope(Map<String, Object> value, String field) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("value", value);
        change.put("field", field);
        return Map.of("object", "whatsapp_business_account",
                "entry", List.of(Map.of("id", properties.wabaId(), "changes", List.of(change))));
    }

    private static String epoch(Instant at) {
        return Long.toString(at.getEpochSecond());
    }
}
