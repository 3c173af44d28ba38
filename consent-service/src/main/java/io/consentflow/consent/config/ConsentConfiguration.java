package io.consentflow.consent.config;

import io.consentflow.consent.adapters.mongo.MasterKeys;
import io.consentflow.consent.adapters.mongo.SubjectCrypto;
import io.consentflow.consent.app.ConsentSettings;
import io.consentflow.consent.app.RateLimits;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.ConsentPolicy;
import io.consentflow.consent.domain.Purpose;
import io.consentflow.rules.contact.ContactKeys;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the framework-free core from configuration. */
@Configuration(proxyBeanMethods = false)
class ConsentConfiguration {

    static final List<Purpose> DEFAULT_PURPOSES = List.of(new Purpose("offers", true),
            new Purpose("new-collections", true), new Purpose("event-updates", true), new Purpose("support", false));

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ConsentPolicy consentPolicy(ConsentProperties properties) {
        List<Purpose> purposes = properties.purposes().isEmpty() ? DEFAULT_PURPOSES
                : properties.purposes().stream().map(p -> new Purpose(p.name(), p.marketing())).toList();
        return new ConsentPolicy(purposes, properties.optInTtl(), properties.brandName(),
                properties.confirmationTemplate(), Set.copyOf(properties.whatsappOptInPurposes()),
                properties.replyFallbackLanguage());
    }

    @Bean
    ConsentLifecycle consentLifecycle(ConsentPolicy policy) {
        return new ConsentLifecycle(policy);
    }

    @Bean
    ConsentSettings consentSettings(ConsentProperties properties) {
        return new ConsentSettings(properties.noticeVersion(), properties.maxConsentTextLength(),
                properties.proof().tsaCertificate());
    }

    @Bean
    RateLimits rateLimits(ConsentProperties properties) {
        return properties.rateLimit();
    }

    @Bean
    ContactKeys contactKeys(ConsentProperties properties) {
        return new ContactKeys(properties.pepper());
    }

    @Bean
    SubjectCrypto subjectCrypto(ConsentProperties properties) {
        return new SubjectCrypto(new MasterKeys(properties.masterKey(), properties.previousMasterKeys()));
    }
}
