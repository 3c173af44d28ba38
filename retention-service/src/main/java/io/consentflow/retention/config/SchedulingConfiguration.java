package io.consentflow.retention.config;

import io.consentflow.platform.idempotency.IdempotentConsumer;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.mongo.MongoProcessedEvents;
import io.consentflow.platform.scheduling.ProcessedEventsPurge;
import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import io.consentflow.retention.app.DeadlineStore;
import io.consentflow.retention.app.ErasurePublisher;
import io.consentflow.retention.app.ErasureScheduler;
import io.consentflow.retention.app.ErasureStore;
import io.consentflow.retention.app.OverdueMonitor;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * This replica's scheduler, the listener's memory of applied eventIds, and the periodic work: rounds that fire due
 * deadlines and check overdue erasures, and the hourly purge of eventIds older than 30 days.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulingConfiguration {

    /** The retention-events listener's applied eventIds (the collection's name predates platform's helper). */
    static final String PROCESSED_EVENTS = "processed_events";

    @Bean
    ErasureScheduler erasureScheduler(DeadlineStore deadlines, ErasureStore erasures, ErasurePublisher publisher,
            Clock clock, RetentionProperties properties) {
        return new ErasureScheduler(replicaName(), deadlines, erasures, publisher, clock,
                properties.scheduler().lease(), properties.receiptGrace(), properties.scheduler().batchSize());
    }

    @Bean
    MongoProcessedEvents processedEvents(MongoCollections collections) {
        return MongoProcessedEvents.in(collections, PROCESSED_EVENTS);
    }

    @Bean
    IdempotentConsumer retentionEventsConsumer(MongoProcessedEvents processed, Clock clock) {
        return new IdempotentConsumer(processed, clock);
    }

    static String replicaName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "consentflow.retention.scheduler.enabled", havingValue = "true", matchIfMissing = true)
    static class Rounds {

        private static final Duration PROCESSED_EVENT_MEMORY = Duration.ofDays(30);
        /** Ids are kept 30 days: purging hourly is plenty, and each purge is a range delete over all of them. */
        private static final Duration PURGE_EVERY = Duration.ofHours(1);

        @Bean
        RetentionRounds retentionRounds(ErasureScheduler scheduler, OverdueMonitor overdue,
                @Value("${consentflow.retention.scheduler.interval:PT5S}") Duration interval) {
            return new RetentionRounds(scheduler, overdue, interval);
        }

        @Bean
        ProcessedEventsPurge processedEventsPurge(IdempotentConsumer retentionEventsConsumer, Clock clock) {
            return new ProcessedEventsPurge("retention-processed-events-purge", retentionEventsConsumer, clock,
                    PROCESSED_EVENT_MEMORY, PURGE_EVERY);
        }
    }

    /** One round: fire what is due, then report overdue erasures; a failed round is retried at the next interval. */
    static final class RetentionRounds extends ReactivePeriodicTask {

        private final ErasureScheduler scheduler;
        private final OverdueMonitor overdue;

        RetentionRounds(ErasureScheduler scheduler, OverdueMonitor overdue, Duration interval) {
            super("retention-rounds", interval, Duration.ofMinutes(6));
            this.scheduler = scheduler;
            this.overdue = overdue;
        }

        @Override
        protected Mono<?> run() {
            return scheduler.fireDue().then(Mono.defer(overdue::check));
        }
    }
}
