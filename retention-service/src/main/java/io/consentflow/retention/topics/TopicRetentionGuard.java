package io.consentflow.retention.topics;

import io.consentflow.retention.config.RetentionProperties;
import io.consentflow.retention.domain.RetentionPolicies;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * At start-up, checks that the topics carrying phone numbers (and their dead-letter topics) keep records no longer
 * than policy. With {@code consentflow.retention.fix-topic-retention=true} a longer retention.ms (or none: -1) is
 * lowered to the policy; otherwise it is logged as an ERROR and the {@code topicRetention} health turns DOWN.
 */
@Component
public class TopicRetentionGuard implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TopicRetentionGuard.class);
    private static final String RETENTION_MS = "retention.ms";
    private static final long TIMEOUT_SECONDS = 10;

    private final Map<String, Object> adminConfig;
    private final RetentionPolicies policies;
    private final boolean fix;
    private volatile List<Finding> findings = List.of();

    @Autowired
    public TopicRetentionGuard(KafkaAdmin kafkaAdmin, RetentionPolicies policies, RetentionProperties properties) {
        this(kafkaAdmin.getConfigurationProperties(), policies, properties.fixTopicRetention());
    }

    public TopicRetentionGuard(Map<String, Object> adminConfig, RetentionPolicies policies, boolean fix) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.policies = policies;
        this.fix = fix;
    }

    /** What was found for one topic: absent topics are fine (their creator applies the catalog's configs). */
    public record Finding(String topic, Long retentionMs, long maxMs, Outcome outcome) {
    }

    public enum Outcome { OK, ABSENT, FIXED, VIOLATION, UNCHECKED }

    @Override
    public void run(ApplicationArguments args) {
        check();
    }

    public List<Finding> check() {
        List<Finding> results = new ArrayList<>();
        try (Admin admin = Admin.create(adminConfig)) {
            for (Map.Entry<String, Duration> limit : policies.topicRetention().entrySet()) {
                long maxMs = limit.getValue().toMillis();
                for (String topic : List.of(limit.getKey(), limit.getKey() + Topics.DLT_SUFFIX)) {
                    results.add(checkTopic(admin, topic, maxMs));
                }
            }
        }
        findings = List.copyOf(results);
        return findings;
    }

    public List<Finding> findings() {
        return findings;
    }

    private Finding checkTopic(Admin admin, String topic, long maxMs) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(resource);
            ConfigEntry entry = config.get(RETENTION_MS);
            long retention = entry == null ? -1 : Long.parseLong(entry.value());
            if (retention >= 0 && retention <= maxMs) {
                return new Finding(topic, retention, maxMs, Outcome.OK);
            }
            if (!fix) {
                log.error("topic retention exceeds policy: topic={} retentionMs={} maxMs={} (fix-topic-retention=false)",
                        topic, retention, maxMs);
                return new Finding(topic, retention, maxMs, Outcome.VIOLATION);
            }
            var op = new AlterConfigOp(new ConfigEntry(RETENTION_MS, Long.toString(maxMs)), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.warn("topic retention lowered to policy: topic={} retentionMs={} now={}", topic, retention, maxMs);
            return new Finding(topic, retention, maxMs, Outcome.FIXED);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return new Finding(topic, null, maxMs, Outcome.ABSENT);
            }
            log.error("topic retention not checked: topic={} error={}", topic, e.getCause().toString());
            return new Finding(topic, null, maxMs, Outcome.UNCHECKED);
        } catch (java.util.concurrent.TimeoutException e) {
            log.error("topic retention not checked: topic={} error=timeout", topic);
            return new Finding(topic, null, maxMs, Outcome.UNCHECKED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Finding(topic, null, maxMs, Outcome.UNCHECKED);
        }
    }
}
