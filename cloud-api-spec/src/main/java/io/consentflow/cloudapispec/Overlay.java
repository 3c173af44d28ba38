package io.consentflow.cloudapispec;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies an OpenAPI Overlay 1.0.0 document's {@code update} actions whose targets are plain member paths
 * ({@code $.a.b.c}), the only kind ConsentFlow's overlay uses. A target that does not resolve to an object fails:
 * an overlay that silently stopped applying would let the tests validate against the wrong description.
 */
final class Overlay {

    private Overlay() {
    }

    static JsonNode apply(JsonNode document, JsonNode overlay) {
        ObjectNode result = (ObjectNode) document.deepCopy();
        for (JsonNode action : overlay.path("actions")) {
            JsonNode target = resolve(result, action.path("target").asString());
            if (!(target instanceof ObjectNode object)) {
                throw new IllegalStateException("overlay target " + action.path("target").asString()
                        + " is not an object in the description");
            }
            merge(object, action.path("update"));
        }
        return result;
    }

    /** The node a plain member path names, or null. */
    static JsonNode resolve(JsonNode root, String target) {
        if (!target.startsWith("$.")) {
            throw new IllegalArgumentException("only $.member.member targets are supported: " + target);
        }
        JsonNode node = root;
        for (String member : target.substring(2).split("\\.")) {
            node = node.get(member);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static void merge(ObjectNode into, JsonNode update) {
        for (Map.Entry<String, JsonNode> entry : update.properties()) {
            JsonNode existing = into.get(entry.getKey());
            if (existing instanceof ObjectNode object && entry.getValue().isObject()) {
                merge(object, entry.getValue());
            } else {
                into.set(entry.getKey(), entry.getValue().deepCopy());
            }
        }
    }
}
