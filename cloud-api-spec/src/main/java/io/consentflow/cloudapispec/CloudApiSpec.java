package io.consentflow.cloudapispec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Meta's description of the WhatsApp Cloud API, read from the classpath (this module's jar), so that a clone of the
 * repository tests against it with nothing beside it. The tree is parsed once: the document is 1 MB of YAML.
 */
public final class CloudApiSpec {

    /** Where the document lives on the classpath; also the path a missing copy is reported with. */
    public static final String RESOURCE = "io/consentflow/cloudapispec/business-messaging-api_v23.0.yaml";
    /** ConsentFlow's overlay (OpenAPI Overlay 1.0.0) of fields Meta documents that its description lacks. */
    public static final String OVERLAY = "io/consentflow/cloudapispec/business-messaging-api_v23.0.overlay.yaml";

    private static volatile JsonNode tree;

    private CloudApiSpec() {
    }

    /**
     * The whole description as a tree, with ConsentFlow's overlay applied ({@link #OVERLAY}); callers copy what they
     * patch (the tree is shared).
     */
    public static JsonNode tree() {
        JsonNode loaded = tree;
        if (loaded == null) {
            synchronized (CloudApiSpec.class) {
                loaded = tree;
                if (loaded == null) {
                    loaded = Overlay.apply(read(RESOURCE), read(OVERLAY));
                    tree = loaded;
                }
            }
        }
        return loaded;
    }

    static JsonNode read(String resource) {
        try (InputStream in = CloudApiSpec.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Meta's Cloud API description is not on the classpath at " + resource
                        + ": it belongs in cloud-api-spec/src/main/resources/" + resource
                        + " (the module cloud-api-spec must be a test dependency of this module)");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Meta's Cloud API description at " + resource + " could not be read", e);
        }
    }
}
