package io.consentflow.audit.config;

import io.consentflow.audit.app.AnchorPolicy;
import io.consentflow.audit.app.CheckpointSchedule;
import io.consentflow.audit.domain.PersonalDataScrubber;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.audit.domain.VerificationKeys;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    SigningKeys auditSigningKeys(AuditProperties properties) {
        return SigningKeys.fromPkcs8Base64(properties.signingKey());
    }

    /** The current key and the previous ones still listed: what verification trusts. */
    @Bean
    VerificationKeys auditVerificationKeys(SigningKeys signingKeys, AuditProperties properties) {
        try {
            return VerificationKeys.of(signingKeys.publicKey(), properties.signing().previousPublicKeys());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("consentflow.audit.signing.previous-public-keys: " + e.getMessage());
        }
    }

    @Bean
    PersonalDataScrubber personalDataScrubber(AuditProperties properties) {
        return new PersonalDataScrubber(properties.digestSalt());
    }

    @Bean
    CheckpointSchedule checkpointSchedule(AuditProperties properties) {
        return properties.checkpoint();
    }

    @Bean
    AnchorPolicy anchorPolicy(AnchorProperties properties) {
        return properties.policy();
    }

    @Bean
    Clock auditClock() {
        return Clock.systemUTC();
    }

    /**
     * The platform's guard knows the shared development secrets but not this module's signing key: refuse it here.
     */
    @Bean
    @Profile("prod")
    DevelopmentKeyGuard developmentKeyGuard(AuditProperties properties) {
        return new DevelopmentKeyGuard(properties);
    }
}
