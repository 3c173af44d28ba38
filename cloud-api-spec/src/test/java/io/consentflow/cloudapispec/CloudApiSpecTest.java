package io.consentflow.cloudapispec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CloudApiSpecTest {

    /** The digest the NOTICE records: the vendored file is Meta's, unchanged. */
    private static final String SHA_256 = "c7148d5e2aeff32f2effc3d3557795d7eddd07abf8b017c9e40e86bb3312c116";

    @Test
    void loadsMetasDescriptionFromTheClasspath() {
        assertThat(CloudApiSpec.tree().path("info").path("version").asString()).isEqualTo("v23.0");
        assertThat(CloudApiSpec.tree().path("info").path("license").path("name").asString())
                .isEqualTo("Meta Platform Terms");
        assertThat(CloudApiSpec.tree().path("components").path("schemas").has("IncomingMessage")).isTrue();
        assertThat(CloudApiSpec.tree()).isSameAs(CloudApiSpec.tree());
    }

    @Test
    void theVendoredFileIsTheOneTheNoticeNames() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CloudApiSpec.RESOURCE)) {
            assertThat(in).isNotNull();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            assertThat(HexFormat.of().formatHex(digest)).isEqualTo(SHA_256);
        }
    }

    @Test
    void theLicenceAndTheNoticeTravelInTheJar() {
        assertThat(getClass().getClassLoader().getResource("META-INF/LICENSE-facebook-openapi")).isNotNull();
        assertThat(getClass().getClassLoader().getResource("META-INF/NOTICE")).isNotNull();
    }

    @Test
    void theOverlayAddsWhatMetaDocumentsAndItsDescriptionLacks() {
        var meta = CloudApiSpec.read(CloudApiSpec.RESOURCE);
        var overlay = CloudApiSpec.read(CloudApiSpec.OVERLAY);
        assertThat(overlay.path("actions").size()).isEqualTo(3);
        for (var action : overlay.path("actions")) {
            String target = action.path("target").asString();
            var inMeta = Overlay.resolve(meta, target);
            assertThat(inMeta).as(target + " in Meta's file").isNotNull();
            for (String field : action.path("update").propertyNames()) {
                // once Meta's file has the field, the action is obsolete and should go
                assertThat(inMeta.has(field)).as(target + "." + field + " still missing in Meta's file").isFalse();
                assertThat(Overlay.resolve(CloudApiSpec.tree(), target).has(field)).as(target + "." + field)
                        .isTrue();
            }
        }
    }

    @Test
    void anOverlayTargetThatDoesNotResolveFails() {
        var meta = CloudApiSpec.read(CloudApiSpec.RESOURCE);
        var overlay = tools.jackson.dataformat.yaml.YAMLMapper.builder().build().readTree(
                "actions: [{target: '$.components.schemas.NoSuchSchema.properties', update: {x: {type: string}}}]");
        assertThatThrownBy(() -> Overlay.apply(meta, overlay)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NoSuchSchema");
    }

    @Test
    void aMissingCopySaysWhereItBelongs() {
        assertThatThrownBy(() -> CloudApiSpec.read("io/consentflow/cloudapispec/missing.yaml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cloud-api-spec/src/main/resources/io/consentflow/cloudapispec/missing.yaml");
    }
}
