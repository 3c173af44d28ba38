package io.consentflow.audit.app;

import java.time.Duration;
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
        @DefaultValue Checkpoint checkpoint, @DefaultValue Listener listener) {

    /**
     * @param previousPublicKeys public keys (X.509 base64, as {@code /checkpoints/key} publishes them) of signing keys
     *                           replaced by a rotation: checkpoints they signed keep verifying
     */
    public record Signing(@DefaultValue List<String> previousPublicKeys) {
    }

    /** A checkpoint is written after {@code everyEntries} appended entries or every {@code interval}, if anything changed. */
    public record Checkpoint(@DefaultValue("1000") int everyEntries, @DefaultValue("60s") Duration interval) {
    }

    public record Listener(@DefaultValue("1") int concurrency) {
    }
}
