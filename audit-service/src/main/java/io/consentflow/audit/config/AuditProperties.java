package io.consentflow.audit.config;

import io.consentflow.audit.app.CheckpointSchedule;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of audit-service under {@code consentflow.audit}.
 *
 * @param signingKey Ed25519 private key (PKCS#8 DER, base64) that signs checkpoints
 * @param digestSalt key of the salted digests (HMAC-SHA256) that stand in for personal data
 * @param signing    keys that still verify checkpoints after a rotation of {@code signingKey}
 * @param checkpoint how often chain heads are committed to in a signed checkpoint
 * @param listener   consumer threads of the audit listeners
 */
@ConfigurationProperties("consentflow.audit")
public record AuditProperties(String signingKey, String digestSalt, @DefaultValue Signing signing,
        @DefaultValue CheckpointSchedule checkpoint, @DefaultValue Listener listener) {

    /**
     * @param previousPublicKeys public keys (X.509 base64, as {@code /checkpoints/key} publishes them) of signing keys
     *                           replaced by a rotation: checkpoints they signed keep verifying
     */
    public record Signing(@DefaultValue List<String> previousPublicKeys) {
    }

    public record Listener(@DefaultValue("1") int concurrency) {
    }
}
