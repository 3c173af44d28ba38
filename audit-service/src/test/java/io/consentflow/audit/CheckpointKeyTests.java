package io.consentflow.audit;

import io.consentflow.audit.domain.SigningKeys;
import org.junit.jupiter.api.Test;

/** The public key endpoint after a rotation: the current key (also at the top level, as before) and the listed previous keys. */
class CheckpointKeyTests extends AuditIntegrationTest {

    static final String PREVIOUS_PUBLIC = "MCowBQYDK2VwAyEAssPcLW7KEE06FmF0LvVO1PrrTPUxn6v13Quf8PJJdTs=";

    @Test
    void listsTheCurrentAndThePreviousKeysWithTheirIdsWithoutAToken() {
        SigningKeys current = SigningKeys.fromPkcs8Base64(SigningKeys.DEVELOPMENT_KEY);
        String previousId = SigningKeys.keyIdOf(SigningKeys.publicKeyFromBase64(PREVIOUS_PUBLIC));
        web.get().uri("/api/v1/audit/checkpoints/key").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.algorithm").isEqualTo("Ed25519")
                .jsonPath("$.keyId").isEqualTo(current.keyId())
                .jsonPath("$.publicKey").isEqualTo(current.publicKeyBase64())
                .jsonPath("$.keys.length()").isEqualTo(2) // the blank list element in the configuration is ignored
                .jsonPath("$.keys[0].keyId").isEqualTo(current.keyId())
                .jsonPath("$.keys[0].status").isEqualTo("current")
                .jsonPath("$.keys[0].publicKey").isEqualTo(current.publicKeyBase64())
                .jsonPath("$.keys[1].keyId").isEqualTo(previousId)
                .jsonPath("$.keys[1].status").isEqualTo("previous")
                .jsonPath("$.keys[1].publicKey").isEqualTo(PREVIOUS_PUBLIC)
                .jsonPath("$.keys[1].pem").value(pem -> org.assertj.core.api.Assertions.assertThat((String) pem)
                        .startsWith("-----BEGIN PUBLIC KEY-----\n" + PREVIOUS_PUBLIC));
    }
}
