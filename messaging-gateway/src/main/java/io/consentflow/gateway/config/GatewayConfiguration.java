package io.consentflow.gateway.config;

import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.ContactKeys;
import io.consentflow.gateway.domain.FrequencyLedger;
import io.consentflow.gateway.domain.Gate;
import io.consentflow.gateway.domain.GatePolicy;
import io.consentflow.gateway.domain.RecipientPacer;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.gateway.domain.WebhookSignature;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires the framework-free core from configuration. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Gate gate(GatewayProperties properties) {
        var gate = properties.gate();
        return new Gate(new GatePolicy(gate.quietFrom(), gate.quietUntil(), gate.frequencyCapMax(),
                gate.frequencyCapWindow(), gate.serviceWindow()));
    }

    @Bean
    ContactKeys contactKeys(GatewayProperties properties) {
        return new ContactKeys(properties.pepper());
    }

    @Bean
    WebhookSignature webhookSignature(GatewayProperties properties) {
        return new WebhookSignature(properties.whatsapp().appSecret(), properties.whatsapp().appSecretPrevious());
    }

    @Bean
    ConsentTable consentTable(GatewayProperties properties) {
        return new ConsentTable(properties.consentView().expectedSubjects());
    }

    @Bean
    ServiceWindows serviceWindows(GatewayProperties properties) {
        return new ServiceWindows(properties.gate().serviceWindow());
    }

    @Bean
    FrequencyLedger frequencyLedger(GatewayProperties properties) {
        return new FrequencyLedger(properties.gate().frequencyCapWindow());
    }

    @Bean
    RecipientPacer recipientPacer(GatewayProperties properties) {
        return new RecipientPacer(properties.send().recipientSpacing());
    }

    @Bean
    Pruner pruner(ServiceWindows windows, FrequencyLedger ledger, RecipientPacer pacer, Clock clock) {
        return new Pruner(windows, ledger, pacer, clock);
    }

    /** Keeps the in-memory per-contact maps bounded to contacts that still matter. */
    record Pruner(ServiceWindows windows, FrequencyLedger ledger, RecipientPacer pacer, Clock clock) {

        @Scheduled(fixedDelayString = "PT1M")
        void prune() {
            Instant now = clock.instant();
            windows.prune(now);
            ledger.prune(now);
            pacer.prune(now);
        }
    }
}
