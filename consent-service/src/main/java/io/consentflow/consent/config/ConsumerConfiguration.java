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
 * MongoDB beyond the service's own collections: the key ring's database, and one processed-events collection per
 * Kafka consumer (platform's {@link IdempotentConsumer}), indexed before the listeners start and purged explicitly.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerConfiguration {

    static final String WHATSAPP_INBOUND = "processed_whatsapp_inbound";
    static final String MESSAGE_FAILURES = "processed_message_failures";
    static final String ERASURE_REQUESTS = "processed_erasure_requests";
    /** Longer than a consumer is ever redelivered a record it applied; the subject documents' eventIds stay too. */
    private static final Duration PROCESSED_EVENT_MEMORY = Duration.ofDays(30);
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    @Bean
    KeyRingDatabase keyRingDatabase(MongoClient client,
            @Value("${consentflow.consent.key-ring.database:consent_keys}") String database) {
        return new KeyRingDatabase(new MongoCollections(client, database));
    }

    @Bean
    IdempotentConsumer whatsappInboundConsumer(MongoCollections collections, Clock clock) {
        return new IdempotentConsumer(MongoProcessedEvents.in(collections, WHATSAPP_INBOUND), clock);
    }

    @Bean
    IdempotentConsumer messageFailuresConsumer(MongoCollections collections, Clock clock) {
        return new IdempotentConsumer(MongoProcessedEvents.in(collections, MESSAGE_FAILURES), clock);
    }

    @Bean
    IdempotentConsumer erasureRequestsConsumer(MongoCollections collections, Clock clock) {
        return new IdempotentConsumer(MongoProcessedEvents.in(collections, ERASURE_REQUESTS), clock);
    }

    @Bean
    ProcessedEventsPurge whatsappInboundPurge(@Qualifier("whatsappInboundConsumer") IdempotentConsumer consumer,
            Clock clock) {
        return purge(WHATSAPP_INBOUND, consumer, clock);
    }

    @Bean
    ProcessedEventsPurge messageFailuresPurge(@Qualifier("messageFailuresConsumer") IdempotentConsumer consumer,
            Clock clock) {
        return purge(MESSAGE_FAILURES, consumer, clock);
    }

    @Bean
    ProcessedEventsPurge erasureRequestsPurge(@Qualifier("erasureRequestsConsumer") IdempotentConsumer consumer,
            Clock clock) {
        return purge(ERASURE_REQUESTS, consumer, clock);
    }

    /** The purge's index on every processed-events collection, before the listeners start. */
    @Bean
    StartupTask processedEventsIndexes(MongoCollections collections) {
        return new StartupTask("processed-events-indexes", Duration.ofMinutes(1)) {
            @Override
            protected Mono<Void> prepare() {
                return Flux.fromIterable(List.of(WHATSAPP_INBOUND, MESSAGE_FAILURES, ERASURE_REQUESTS))
                        .concatMap(name -> MongoProcessedEvents.in(collections, name).ensureIndexes()).then();
            }
        };
    }

    private static ProcessedEventsPurge purge(String collection, IdempotentConsumer consumer, Clock clock) {
        return new ProcessedEventsPurge(collection + "-purge", consumer, clock, PROCESSED_EVENT_MEMORY,
                PURGE_INTERVAL);
    }
}
