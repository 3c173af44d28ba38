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
    void aMissingCopySaysWhereItBelongs() {
        assertThatThrownBy(() -> CloudApiSpec.read("io/consentflow/cloudapispec/missing.yaml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cloud-api-spec/src/main/resources/io/consentflow/cloudapispec/missing.yaml");
    }
}
