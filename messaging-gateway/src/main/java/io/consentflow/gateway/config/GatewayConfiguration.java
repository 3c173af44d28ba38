package io.consentflow.gateway.config;

import io.consentflow.gateway.adapters.kafka.ConsentView;
import io.consentflow.gateway.app.SendSettings;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.domain.ConsentTable;
import io.consentflow.gateway.domain.FrequencyLedger;
import io.consentflow.gateway.domain.Gate;
import io.consentflow.gateway.domain.GatePolicy;
import io.consentflow.gateway.domain.PendingStops;
import io.consentflow.gateway.domain.RecipientPacer;
import io.consentflow.gateway.domain.ServiceWindows;
import io.consentflow.gateway.domain.TemplateCatalog;
import io.consentflow.gateway.domain.WebhookSignature;
import io.consentflow.rules.contact.ContactKeys;
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
    SendSettings sendSettings(GatewayProperties properties) {
        var send = properties.send();
        var signing = properties.signing();
        return new SendSettings(send.concurrency(), send.settle().within(), send.settle().interval(),
                signing.consentServiceKey(), signing.customerServiceKeys());
    }

    @Bean
    Gate gate(GatewayProperties properties) {
        var gate = properties.gate();
        return new Gate(new GatePolicy(gate.quietFrom(), gate.quietUntil(), gate.frequencyCapMax(),
                gate.frequencyCapWindow(), gate.serviceWindow()));
    }

    @Bean
    TemplateCatalog templateCatalog() {
        return new TemplateCatalog();
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
    PendingStops pendingStops() {
        // as long as the inbound follower replays on start: a restart would forget an older STOP anyway
        return new PendingStops(ConsentView.INBOUND_REPLAY);
    }

    @Bean
    ConsentLookup consentLookup(ConsentTable table, PendingStops pendingStops) {
        return new ConsentLookup(table, pendingStops);
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
    Pruner pruner(ServiceWindows windows, FrequencyLedger ledger, RecipientPacer pacer, PendingStops pendingStops,
            Clock clock) {
        return new Pruner(windows, ledger, pacer, pendingStops, clock);
    }

    /** Keeps the in-memory per-contact maps bounded to contacts that still matter. */
    record Pruner(ServiceWindows windows, FrequencyLedger ledger, RecipientPacer pacer, PendingStops pendingStops,
            Clock clock) {

        @Scheduled(fixedDelayString = "PT1M")
        void prune() {
            Instant now = clock.instant();
            windows.prune(now);
            ledger.prune(now);
            pacer.prune(now);
            pendingStops.prune(now);
        }
    }
}
