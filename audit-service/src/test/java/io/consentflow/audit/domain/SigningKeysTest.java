package io.consentflow.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SigningKeysTest {

    @Test
    void derivesThePublicKeyOfTheConfiguredPrivateKey() {
        SigningKeys keys = SigningKeys.fromPkcs8Base64(SigningKeys.DEVELOPMENT_KEY);
        // the public half of the documented development key (README)
        assertThat(keys.publicKeyBase64()).isEqualTo("MCowBQYDK2VwAyEASYJWdL7Aqyb0hB0m8Uag1jaJ3yN0MMEDvO0rm0ybMoQ=");
        byte[] data = "heads".getBytes(StandardCharsets.UTF_8);
        String signature = keys.sign(data);
        assertThat(SigningKeys.verify(keys.publicKey(), data, signature)).isTrue();
        assertThat(SigningKeys.verify(keys.publicKey(), "other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(SigningKeys.verify(SigningKeys.publicKeyFromBase64(keys.publicKeyBase64()), data, signature)).isTrue();
    }

    @Test
    void refusesGarbageWithoutEchoingIt() {
        assertThatThrownBy(() -> SigningKeys.fromPkcs8Base64("bm90LWEta2V5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("bm90LWEta2V5");
        assertThatThrownBy(() -> SigningKeys.fromPkcs8Base64(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
