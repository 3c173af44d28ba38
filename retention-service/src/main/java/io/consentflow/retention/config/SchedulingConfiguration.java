package io.consentflow.retention.config;

import io.consentflow.retention.app.DeadlineStore;
import io.consentflow.retention.app.ErasurePublisher;
import io.consentflow.retention.app.ErasureScheduler;
import io.consentflow.retention.app.ErasureStore;
import io.consentflow.retention.app.OverdueMonitor;
import io.consentflow.retention.app.ProcessedEvents;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** This replica's scheduler, and the periodic rounds: fire due deadlines, check overdue erasures, purge old event ids. */
@Configuration(proxyBeanMethods = false)
public class SchedulingConfiguration {

    @Bean
    ErasureScheduler erasureScheduler(DeadlineStore deadlines, ErasureStore erasures, ErasurePublisher publisher,
            Clock clock, RetentionProperties properties) {
        return new ErasureScheduler(replicaName(), deadlines, erasures, publisher, clock,
                properties.scheduler().lease(), properties.receiptGrace(), properties.scheduler().batchSize());
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
    @EnableScheduling
    @ConditionalOnProperty(name = "consentflow.retention.scheduler.enabled", havingValue = "true", matchIfMissing = true)
    static class Rounds {

        private static final Logger log = LoggerFactory.getLogger(Rounds.class);
        private static final Duration PROCESSED_EVENT_MEMORY = Duration.ofDays(30);
        /** Ids are kept 30 days: purging hourly is plenty, and each purge is a range delete over all of them. */
        private static final Duration PURGE_EVERY = Duration.ofHours(1);

        private final ErasureScheduler scheduler;
        private final OverdueMonitor overdue;
        private final ProcessedEvents processed;
        private final Clock clock;
        private Instant lastPurge = Instant.MIN;

        Rounds(ErasureScheduler scheduler, OverdueMonitor overdue, ProcessedEvents processed, Clock clock) {
            this.scheduler = scheduler;
            this.overdue = overdue;
            this.processed = processed;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "${consentflow.retention.scheduler.interval:PT5S}", initialDelay = 1000)
        void round() {
            try {
                scheduler.fireDue().block(Duration.ofMinutes(5));
                overdue.check().block(Duration.ofMinutes(1));
                Instant now = clock.instant();
                if (!now.isBefore(lastPurge.plus(PURGE_EVERY))) {
                    processed.purgeBefore(now.minus(PROCESSED_EVENT_MEMORY)).block(Duration.ofMinutes(1));
                    lastPurge = now;
                }
            } catch (RuntimeException e) {
                // the next round retries; never let one failure stop the schedule
                log.error("retention round failed: {}", e.toString());
            }
        }
    }
}
