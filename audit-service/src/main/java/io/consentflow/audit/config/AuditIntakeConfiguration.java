package io.consentflow.audit.config;

import com.mongodb.reactivestreams.client.MongoClient;
import io.consentflow.audit.adapters.mongo.MongoContactSalts;
import io.consentflow.audit.app.AuditLog;
import io.consentflow.platform.idempotency.IdempotentConsumer;
import io.consentflow.platform.idempotency.RecentProcessedEvents;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.scheduling.StartupTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * What the listeners need around the log: the contact salts in their own database, each listener's memory of the
 * records it appended (platform's idempotent consumer: the first line, in memory; the chain offsets and unique chain
 * positions, atomic with each append, stay the line that decides), and the log's start (indexes, the chains stored)
 * before anything is consumed. The memory is not in the database: a remembered record there cost one more write per
 * audited record and a delete right on the append-only log's database, for a line that guarantees nothing the chain
 * does not already.
 */
@Configuration(proxyBeanMethods = false)
class AuditIntakeConfiguration {

    /** Records by topic/partition/offset: several polls of every partition an instance may own. */
    private static final int REMEMBERED_RECORDS = 50_000;

    /** The salts live in a database of their own (consentflow.audit.salt-database), apart from the log. */
    @Bean
    MongoContactSalts contactSalts(MongoClient client,
            @Value("${consentflow.audit.salt-database:audit_keys}") String saltDatabase) {
        return new MongoContactSalts(new MongoCollections(client, saltDatabase));
    }

    /** Redeliveries dropped here count as redelivered, like those the chain offsets absorb in the log. */
    @Bean
    IdempotentConsumer auditEventsConsumer(Clock clock, MeterRegistry meters) {
        Counter redelivered = meters.counter("audit.records.redelivered");
        return new IdempotentConsumer(new RecentProcessedEvents(REMEMBERED_RECORDS), clock, redelivered::increment);
    }

    @Bean
    IdempotentConsumer auditDeadLettersConsumer(Clock clock, MeterRegistry meters) {
        Counter redelivered = meters.counter("audit.records.redelivered");
        return new IdempotentConsumer(new RecentProcessedEvents(REMEMBERED_RECORDS), clock, redelivered::increment);
    }

    /** Indexes and the scan of the stored chains, before the listeners and the checkpoint task start. */
    @Bean
    StartupTask auditLogStart(AuditLog log) {
        return new StartupTask("audit-log-start", Duration.ofSeconds(90)) {
            @Override
            protected Mono<Void> prepare() {
                return log.load();
            }
        };
    }
}
