package io.consentflow.gateway.config;

import io.consentflow.platform.idempotency.IdempotentConsumer;
import io.consentflow.platform.idempotency.RecentProcessedEvents;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.mongo.MongoProcessedEvents;
import io.consentflow.platform.scheduling.ProcessedEventsPurge;
import io.consentflow.platform.scheduling.StartupTask;
import io.consentflow.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Both consumers dedupe through platform's {@link IdempotentConsumer}. retention-commands by eventId in the database,
 * ids kept as long as the topic keeps records (a consumer reset to the earliest offset sees none it forgot).
 * send-requests by position (partition/offset) in memory: a redelivered poll whose outcomes were all acknowledged is
 * not claimed again, while a request published again under the same requestId (a new position) still reaches the
 * claims, the line that decides, and re-announces its stored outcome ({@code app.ProcessSendRequests}).
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    static final String RETENTION_COMMANDS = "processed_retention_commands";
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    @Bean
    MongoProcessedEvents retentionCommandsProcessed(MongoCollections collections) {
        return MongoProcessedEvents.in(collections, RETENTION_COMMANDS);
    }

    /** Positions of the last polls: several polls of every partition an instance may own. */
    @Bean
    IdempotentConsumer sendRequestsConsumer(Clock clock) {
        return new IdempotentConsumer(new RecentProcessedEvents(50_000), clock);
    }

    @Bean
    IdempotentConsumer retentionCommandsConsumer(
            @Qualifier("retentionCommandsProcessed") MongoProcessedEvents processed, Clock clock) {
        return new IdempotentConsumer(processed, clock);
    }

    @Bean
    ProcessedEventsPurge retentionCommandsPurge(@Qualifier("retentionCommandsConsumer") IdempotentConsumer consumer,
            Clock clock) {
        return new ProcessedEventsPurge("processed-retention-commands-purge", consumer, clock,
                Topics.RETENTION_COMMANDS_RETENTION, PURGE_INTERVAL);
    }

    /** The purge's index on {@code at}, before the listener and the purge start. */
    @Bean
    StartupTask processedEventsIndexes(@Qualifier("retentionCommandsProcessed") MongoProcessedEvents processed) {
        return new StartupTask("processed-events-indexes", Duration.ofMinutes(1)) {
            @Override
            protected Mono<Void> prepare() {
                return processed.ensureIndexes();
            }
        };
    }
}
