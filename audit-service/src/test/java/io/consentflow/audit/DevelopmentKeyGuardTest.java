package io.consentflow.audit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.audit.app.CheckpointSchedule;
import io.consentflow.audit.config.AuditProperties;
import io.consentflow.audit.config.DevelopmentKeyGuard;
import io.consentflow.audit.domain.SigningKeys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DevelopmentKeyGuardTest {

    private static AuditProperties withKey(String key) {
        return new AuditProperties(key, "salt", new AuditProperties.Signing(java.util.List.of()),
                new CheckpointSchedule(10, Duration.ofSeconds(5)),
                new AuditProperties.Listener(1));
    }

    @Test
    void prodRefusesTheDocumentedDevelopmentKeyWithoutPrintingIt() {
        assertThatThrownBy(() -> new DevelopmentKeyGuard(withKey(SigningKeys.DEVELOPMENT_KEY)).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("consentflow.audit.signing-key")
                .hasMessageNotContaining(SigningKeys.DEVELOPMENT_KEY);
        assertThatCode(() -> new DevelopmentKeyGuard(withKey("MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
                .afterPropertiesSet()).doesNotThrowAnyException();
    }
}
