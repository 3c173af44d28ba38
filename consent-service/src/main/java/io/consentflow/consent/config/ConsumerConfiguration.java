package io.consentflow.consent.config;

import com.mongodb.reactivestreams.client.MongoClient;
import io.consentflow.consent.adapters.mongo.KeyRingDatabase;
import io.consentflow.platform.idempotency.IdempotentConsumer;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.mongo.MongoProcessedEvents;
import io.consentflow.platform.scheduling.ProcessedEventsPurge;
import io.consentflow.platform.scheduling.StartupTask;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MongoDB for the stores and consumers beyond the service's own collections: the key ring's database, and one
 * processed-events collection per Kafka consumer (platform's {@link IdempotentConsumer}), indexed before the
 * listeners start and purged explicitly.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

    /** Longer than a consumer is ever redelivered a record it applied; the subject documents' eventIds stay too. */
    private static final Duration PROCESSED_EVENT_MEMORY = Duration.ofDays(30);
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    @Bean
    KeyRingDatabase keyRingDatabase(MongoClient client,
            @Value("${consentflow.consent.key-ring.database:consent_keys}") String database) {
        return new KeyRingDatabase(new MongoCollections(client, database));
    }

    @Bean
    MongoProcessedEvents whatsappInboundProcessed(MongoCollections collections) {
        return MongoProcessedEvents.in(collections, "processed_whatsapp_inbound");
    }

    @Bean
    MongoProcessedEvents messageFailuresProcessed(MongoCollections collections) {
        return MongoProcessedEvents.in(collections, "processed_message_failures");
    }

    @Bean
    MongoProcessedEvents erasureRequestsProcessed(MongoCollections collections) {
        return MongoProcessedEvents.in(collections, "processed_erasure_requests");
    }

    @Bean
    IdempotentConsumer whatsappInboundConsumer(
            @Qualifier("whatsappInboundProcessed") MongoProcessedEvents processed, Clock clock) {
        return new IdempotentConsumer(processed, clock);
    }

    @Bean
    IdempotentConsumer messageFailuresConsumer(
            @Qualifier("messageFailuresProcessed") MongoProcessedEvents processed, Clock clock) {
        return new IdempotentConsumer(processed, clock);
    }

    @Bean
    IdempotentConsumer erasureRequestsConsumer(
            @Qualifier("erasureRequestsProcessed") MongoProcessedEvents processed, Clock clock) {
        return new IdempotentConsumer(processed, clock);
    }

    @Bean
    ProcessedEventsPurge whatsappInboundPurge(
            @Qualifier("whatsappInboundConsumer") IdempotentConsumer consumer, Clock clock) {
        return new ProcessedEventsPurge("processed-whatsapp-inbound-purge", consumer, clock, PROCESSED_EVENT_MEMORY,
                PURGE_INTERVAL);
    }

    @Bean
    ProcessedEventsPurge messageFailuresPurge(
            @Qualifier("messageFailuresConsumer") IdempotentConsumer consumer, Clock clock) {
        return new ProcessedEventsPurge("processed-message-failures-purge", consumer, clock, PROCESSED_EVENT_MEMORY,
                PURGE_INTERVAL);
    }

    @Bean
    ProcessedEventsPurge erasureRequestsPurge(
            @Qualifier("erasureRequestsConsumer") IdempotentConsumer consumer, Clock clock) {
        return new ProcessedEventsPurge("processed-erasure-requests-purge", consumer, clock, PROCESSED_EVENT_MEMORY,
                PURGE_INTERVAL);
    }

    /** The purge's index on every processed-events collection, before the listeners start. */
    @Bean
    StartupTask processedEventsIndexes(List<MongoProcessedEvents> stores) {
        return new StartupTask("processed-events-indexes", Duration.ofMinutes(1)) {
            @Override
            protected Mono<Void> prepare() {
                return Flux.fromIterable(stores).concatMap(MongoProcessedEvents::ensureIndexes).then();
            }
        };
    }
}
