package io.consentflow.retention.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code consentflow.retention.*}.
 *
 * @param policyFile        a policy document on disk (env RETENTION_POLICY_FILE); empty: classpath retention-policies.yml
 * @param fixTopicRetention set every setting of a stated topic bound that deviates from the catalog back at start-up
 *                          (else report it: TopicRetentionGuard)
 * @param receiptGrace      how long after ErasureRequested every receipt must have arrived before it is overdue
 */
@ConfigurationProperties("consentflow.retention")
public record RetentionProperties(String policyFile, @DefaultValue("true") boolean fixTopicRetention,
        @DefaultValue("PT1H") Duration receiptGrace, @DefaultValue Scheduler scheduler) {

    /**
     * @param interval  pause between two rounds of firing due deadlines
     * @param lease     how long a replica's claim on a deadline holds before another replica may take it over
     * @param batchSize at most this many deadlines fired per round
     */
    public record Scheduler(@DefaultValue("true") boolean enabled, @DefaultValue("PT5S") Duration interval,
            @DefaultValue("PT1M") Duration lease, @DefaultValue("200") int batchSize) {
    }
}
