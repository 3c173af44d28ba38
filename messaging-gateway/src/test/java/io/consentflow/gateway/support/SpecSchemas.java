package io.consentflow.gateway.support;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.consentflow.cloudapispec.CloudApiSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Meta's Cloud API description (module cloud-api-spec) and its schemas. */
public final class SpecSchemas {

    private SpecSchemas() {
    }

    public static JsonNode spec() {
        return CloudApiSpec.tree();
    }

    /** The webhook payload examples of the spec, by name. */
    public static Map<String, JsonNode> webhookExamples() {
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        JsonNode all = spec().path("paths").path("/whatsapp/webhooks").path("post").path("requestBody")
                .path("content").path("application/json").path("examples");
        for (Entry<String, JsonNode> entry : all.properties()) {
            examples.put(entry.getKey(), entry.getValue().path("value"));
        }
        return examples;
    }

    /**
     * Meta's send schemas are an allOf of BaseMessageProperties and a branch with additionalProperties false, which
     * rejects the base's own fields, so not even the spec's examples validate. The patch moves the strictness to
     * the combined schema ({@code unevaluatedProperties: false}, JSON Schema 2020-12): unknown fields still fail.
     */
    static ObjectNode patchSendSchemas(ObjectNode components) {
        fixBrokenPatterns(components);
        for (JsonNode schema : components.path("schemas")) {
            boolean sendSchema = false;
            for (JsonNode branch : schema.path("allOf")) {
                sendSchema |= branch.path("$ref").asString("").endsWith("/BaseMessageProperties");
            }
            if (sendSchema) {
                for (JsonNode branch : schema.path("allOf")) {
                    if (branch instanceof ObjectNode object) {
                        object.remove("additionalProperties");
                    }
                }
                ((ObjectNode) schema).put("unevaluatedProperties", false);
            }
        }
        return components;
    }

    /**
     * The template component's {@code index} carries the pattern {@code ^[2-6, 11-14]$}: a character class, not the
     * range it means to be, which rejects Meta's own 0-based button indexes. Replaced with a one-or-two-digit index.
     */
    private static void fixBrokenPatterns(JsonNode node) {
        if (node instanceof ObjectNode object && "^[2-6, 11-14]$".equals(object.path("pattern").asString(""))) {
            object.put("pattern", "^[0-9]{1,2}$");
        }
        for (JsonNode child : node) {
            fixBrokenPatterns(child);
        }
    }

    /** The request-body examples of a send operation (e.g. "/{Version}/{Phone-Number-ID}/messages"). */
    public static Map<String, JsonNode> requestExamples(String path) {
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        JsonNode all = spec().path("paths").path(path).path("post").path("requestBody").path("content")
                .path("application/json").path("examples");
        for (Entry<String, JsonNode> entry : all.properties()) {
            examples.put(entry.getKey(), entry.getValue().path("value"));
        }
        return examples;
    }

    public static List<String> errors(String schemaName, JsonNode instance) {
        ObjectNode components = patchSendSchemas((ObjectNode) spec().path("components").deepCopy());
        ObjectNode root = YAMLMapper.builder().build().createObjectNode();
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.put("$ref", "#/components/schemas/" + schemaName);
        root.set("components", components);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://consentflow.test/cloud-api.json"), root);
        List<String> errors = new ArrayList<>();
        schema.validate(instance).forEach(e -> errors.add(e.getInstanceLocation() + ": " + e.getMessage()));
        return errors;
    }
}
