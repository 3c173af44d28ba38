package io.consentflow.audit.config;

import com.mongodb.reactivestreams.client.MongoClient;
import io.consentflow.audit.adapters.mongo.MongoContactSalts;
import io.consentflow.audit.app.AuditLog;
import io.consentflow.platform.idempotency.IdempotentConsumer;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.mongo.MongoProcessedEvents;
import io.consentflow.platform.scheduling.ProcessedEventsPurge;
import io.consentflow.platform.scheduling.StartupTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * What the listeners need around the log: the contact salts in their own database, each listener's memory of the
 * records it appended (platform's idempotent consumer: the first line; the chain offsets, atomic with each append,
 * stay the second), their purge, and the log's start (indexes, the chains stored) before anything is consumed.
 */
@Configuration(proxyBeanMethods = false)
class AuditIntakeConfiguration {

    /** Source records by topic/partition/offset; a redelivery older than this is still absorbed by the chain offsets. */
    private static final Duration REMEMBERED = Duration.ofDays(7);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    /** The salts live in a database of their own (consentflow.audit.salt-database), apart from the log. */
    @Bean
    MongoContactSalts contactSalts(MongoClient client,
            @Value("${consentflow.audit.salt-database:audit_keys}") String saltDatabase) {
        return new MongoContactSalts(new MongoCollections(client, saltDatabase));
    }

    @Bean
    MongoProcessedEvents processedRecords(MongoCollections collections) {
        return MongoProcessedEvents.in(collections, "processed_records");
    }

    @Bean
    MongoProcessedEvents processedDeadLetters(MongoCollections collections) {
        return MongoProcessedEvents.in(collections, "processed_dead_letters");
    }

    /** Redeliveries dropped here count as redelivered, like those the chain offsets absorb in the log. */
    @Bean
    IdempotentConsumer auditEventsConsumer(@Qualifier("processedRecords") MongoProcessedEvents processed, Clock clock,
            MeterRegistry meters) {
        Counter redelivered = meters.counter("audit.records.redelivered");
        return new IdempotentConsumer(processed, clock, redelivered::increment);
    }

    @Bean
    IdempotentConsumer auditDeadLettersConsumer(@Qualifier("processedDeadLetters") MongoProcessedEvents processed,
            Clock clock, MeterRegistry meters) {
        Counter redelivered = meters.counter("audit.records.redelivered");
        return new IdempotentConsumer(processed, clock, redelivered::increment);
    }

    @Bean
    ProcessedEventsPurge auditEventsPurge(@Qualifier("auditEventsConsumer") IdempotentConsumer consumer,
            Clock clock) {
        return new ProcessedEventsPurge("audit-processed-records-purge", consumer, clock, REMEMBERED, PURGE_EVERY);
    }

    @Bean
    ProcessedEventsPurge auditDeadLettersPurge(@Qualifier("auditDeadLettersConsumer") IdempotentConsumer consumer,
            Clock clock) {
        return new ProcessedEventsPurge("audit-processed-dead-letters-purge", consumer, clock, REMEMBERED,
                PURGE_EVERY);
    }

    /** Indexes and the scan of the stored chains, before the listeners and the checkpoint task start. */
    @Bean
    StartupTask auditLogStart(AuditLog log, @Qualifier("processedRecords") MongoProcessedEvents records,
            @Qualifier("processedDeadLetters") MongoProcessedEvents deadLetters) {
        return new StartupTask("audit-log-start", Duration.ofSeconds(90)) {
            @Override
            protected Mono<Void> prepare() {
                return records.ensureIndexes().then(deadLetters.ensureIndexes()).then(log.load());
            }
        };
    }
}
