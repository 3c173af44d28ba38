package io.consentflow.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Corrections to two defects in Meta's v23.0 description, kept minimal. SpecSelfCheckTest proves that with them
 * the spec's own webhook examples validate, and that broken payloads still fail.
 *
 * <ol>
 * <li>IncomingMessage (the webhook's messages[]) is a oneOf over the <em>send</em> schemas: each is an allOf of
 * BaseMessageProperties (which requires messaging_product, recipient_type and to — fields an inbound message never
 * has) and a branch with additionalProperties false (which rejects from, id and timestamp). Not one of the spec's
 * own inbound examples validates. The patch dispatches on {@code type} as the discriminator mapping says, requires
 * the inbound base fields (from, id, timestamp, type) and keeps each type's own required fields and shapes.</li>
 * <li>The user_preferences webhook (Meta's "stop promotions" signal) is not described at all. The patch adds the
 * field value and its value object as Meta documents it for marketing messages.</li>
 * </ol>
 */
final class SpecPatches {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SpecPatches() {
    }

    static ObjectNode apply(ObjectNode components) {
        ObjectNode schemas = (ObjectNode) components.path("schemas");
        patchIncomingMessage(schemas);
        patchSystemMessage(schemas);
        addUserPreferences(schemas);
        return components;
    }

    private static void patchIncomingMessage(ObjectNode schemas) {
        JsonNode mapping = schemas.path("IncomingMessage").path("discriminator").path("mapping");
        ObjectNode patched = inboundBase();
        ArrayNode allOf = patched.putArray("allOf");
        for (Map.Entry<String, JsonNode> entry : mapping.properties()) {
            String target = entry.getValue().asString().replace("#/components/schemas/", "");
            ObjectNode rule = allOf.addObject();
            rule.putObject("if").putObject("properties").putObject("type").put("const", entry.getKey());
            rule.set("then", withoutSendBase(schemas.path(target)));
        }
        // A type the mapping does not know is not a valid inbound message.
        ArrayNode known = F.arrayNode();
        mapping.propertyNames().forEach(known::add);
        ((ObjectNode) patched.path("properties").path("type")).set("enum", known);
        schemas.set("IncomingMessage", patched);
    }

    private static void patchSystemMessage(ObjectNode schemas) {
        ObjectNode system = inboundBase();
        system.putArray("allOf").add(withoutSendBase(schemas.path("SystemMessage")));
        schemas.set("SystemMessage", system);
    }

    private static ObjectNode inboundBase() {
        ObjectNode base = F.objectNode();
        base.put("type", "object");
        base.putArray("required").add("from").add("id").add("timestamp").add("type");
        ObjectNode properties = base.putObject("properties");
        for (String field : List.of("from", "id", "timestamp", "type")) {
            properties.putObject(field).put("type", "string");
        }
        return base;
    }

    /** The schema's own branches, without the send-only base and without additionalProperties false. */
    private static ObjectNode withoutSendBase(JsonNode schema) {
        ObjectNode copy = (ObjectNode) schema.deepCopy();
        if (copy.has("allOf")) {
            List<JsonNode> kept = new ArrayList<>();
            for (JsonNode branch : copy.path("allOf")) {
                if (!branch.path("$ref").asString("").endsWith("/BaseMessageProperties")) {
                    ObjectNode b = (ObjectNode) branch.deepCopy();
                    b.remove("additionalProperties");
                    kept.add(b);
                }
            }
            copy.putArray("allOf").addAll(kept);
        }
        copy.remove("additionalProperties");
        return copy;
    }

    private static void addUserPreferences(ObjectNode schemas) {
        ObjectNode change = (ObjectNode) schemas.path("Change");
        ((ArrayNode) change.path("properties").path("field").path("enum")).add("user_preferences");
        ((ArrayNode) change.path("properties").path("value").path("oneOf"))
                .addObject().put("$ref", "#/components/schemas/UserPreferencesValue");

        ObjectNode value = schemas.putObject("UserPreferencesValue");
        value.put("type", "object");
        value.putArray("required").add("messaging_product").add("metadata").add("contacts").add("user_preferences");
        ObjectNode props = value.putObject("properties");
        props.putObject("messaging_product").put("const", "whatsapp");
        props.putObject("metadata").put("$ref", "#/components/schemas/Metadata");
        props.putObject("contacts").put("type", "array").putObject("items")
                .put("$ref", "#/components/schemas/ContactProfile");
        ObjectNode item = props.putObject("user_preferences").put("type", "array").put("minItems", 1)
                .putObject("items");
        item.put("type", "object");
        item.putArray("required").add("wa_id").add("detail").add("category").add("value").add("timestamp");
        ObjectNode itemProps = item.putObject("properties");
        itemProps.putObject("wa_id").put("type", "string");
        itemProps.putObject("detail").put("type", "string");
        itemProps.putObject("category").put("const", "marketing_messages");
        itemProps.putObject("value").putArray("enum").add("stop").add("resume");
        itemProps.putObject("timestamp").put("type", "integer");
    }
}
