package io.consentflow.simulator;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.consentflow.cloudapispec.CloudApiSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Validates JSON against the component schemas of Meta's Cloud API description (module cloud-api-spec). */
public final class SpecSchemas {

    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();
    private SpecSchemas() {
    }

    /** The spec as a tree (loaded once, shared: copy before patching). */
    public static JsonNode spec() {
        return CloudApiSpec.tree();
    }

    public static List<String> errors(String schemaName, JsonNode instance) {
        Schema schema = CACHE.computeIfAbsent(schemaName, SpecSchemas::load);
        return schema.validate(instance).stream().map(SpecSchemas::describe).toList();
    }

    public static void assertValid(String schemaName, JsonNode instance) {
        List<String> errors = errors(schemaName, instance);
        if (!errors.isEmpty()) {
            throw new AssertionError("not valid against " + schemaName + ": " + errors + "\n" + instance);
        }
    }

    /**
     * Validates against the inline schema of an operation's JSON response, e.g. ("/{Version}/{WABA-ID}/message_templates",
     * "get", "200"): Meta describes some answers only there, not as a component.
     */
    public static void assertValidResponse(String path, String method, String status, JsonNode instance) {
        String pointer = "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/"
                + status + "/content/application~1json/schema";
        Schema schema = CACHE.computeIfAbsent(pointer, SpecSchemas::loadPointer);
        List<String> errors = schema.validate(instance).stream().map(SpecSchemas::describe).toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("not valid against " + pointer + ": " + errors + "\n" + instance);
        }
    }

    private static Schema loadPointer(String pointer) {
        ObjectNode root = (ObjectNode) spec().deepCopy();
        root.set("components", SpecPatches.apply((ObjectNode) spec().path("components").deepCopy()));
        if (root.at(pointer.substring(1)).isMissingNode()) {
            throw new IllegalArgumentException("no " + pointer + " in " + CloudApiSpec.RESOURCE);
        }
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.put("$ref", pointer);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return registry.getSchema(SchemaLocation.of("https://consentflow.test/cloud-api-paths.json"), root);
    }

    private static Schema load(String schemaName) {
        ObjectNode components = SpecPatches.apply((ObjectNode) spec().path("components").deepCopy());
        if (!components.path("schemas").has(schemaName)) {
            throw new IllegalArgumentException("no schema " + schemaName + " in " + CloudApiSpec.RESOURCE);
        }
        ObjectNode root = YAMLMapper.builder().build().createObjectNode();
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.put("$ref", "#/components/schemas/" + schemaName);
        root.set("components", components);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        return registry.getSchema(SchemaLocation.of("https://consentflow.test/cloud-api.json"), root);
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }
}
