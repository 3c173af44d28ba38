package io.consentflow.retention.adapters.kafka;

import io.consentflow.retention.config.RetentionProperties;
import io.consentflow.retention.domain.RetentionPolicies;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * At start-up, checks every setting the stated bounds depend on against the catalog ({@link BoundSettings}): on the
 * topics carrying phone numbers and their dead-letter topics retention.ms (at most the policy), segment.ms,
 * file.delete.delay.ms, message.timestamp.type and cleanup.policy; on the compacted topic keyed by the contactKey
 * also max.compaction.lag.ms and delete.retention.ms, and its dead-letter topic like those carrying numbers. With {@code consentflow.retention.fix-topic-retention=true} a
 * deviating setting is set to the catalog's value; otherwise it is logged as an ERROR and the {@code topicRetention}
 * health turns DOWN.
 */
@Component
public class TopicRetentionGuard implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TopicRetentionGuard.class);
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

    /**
     * What was found for one topic: the settings that deviated from the catalog (empty when OK). Absent topics are
     * fine: their creator applies the catalog's configs.
     */
    public record Finding(String topic, List<BoundSettings.Deviation> deviations, Outcome outcome) {

        public Finding {
            deviations = List.copyOf(deviations);
        }

        /** The deviating settings' names, for logs and health. */
        public List<String> settings() {
            return deviations.stream().map(BoundSettings.Deviation::setting).toList();
        }
    }

    public enum Outcome { OK, ABSENT, FIXED, VIOLATION, UNCHECKED }

    @Override
    public void run(ApplicationArguments args) {
        check();
    }

    public List<Finding> check() {
        List<Finding> results = new ArrayList<>();
        try (Admin admin = Admin.create(adminConfig)) {
            for (BoundSettings bound : bounds()) {
                results.add(checkTopic(admin, bound));
            }
        }
        findings = List.copyOf(results);
        return findings;
    }

    public List<Finding> findings() {
        return findings;
    }

    /** The topics whose bound the Art. 30 record and the certificates state. */
    private List<BoundSettings> bounds() {
        List<BoundSettings> out = new ArrayList<>();
        for (Map.Entry<String, Duration> limit : policies.topicRetention().entrySet()) {
            TopicSpec topic = Topics.byName(limit.getKey()).orElseThrow();
            out.add(BoundSettings.of(topic, limit.getValue()));
            out.add(BoundSettings.of(topic.deadLetter(), limit.getValue()));
        }
        Topics.ALL.stream().filter(TopicSpec::compacted).forEach(topic -> {
            out.add(BoundSettings.of(topic, null));
            out.add(BoundSettings.of(topic.deadLetter(), null));
        });
        return out;
    }

    private Finding checkTopic(Admin admin, BoundSettings bound) {
        String topic = bound.topic();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(resource);
            Map<String, String> actual = new HashMap<>();
            config.entries().forEach(entry -> actual.put(entry.name(), entry.value()));
            List<BoundSettings.Deviation> deviations = bound.deviations(actual);
            if (deviations.isEmpty()) {
                return new Finding(topic, deviations, Outcome.OK);
            }
            if (!fix) {
                log.error("topic settings break the stated bound: topic={} deviations={} (fix-topic-retention=false)",
                        topic, deviations);
                return new Finding(topic, deviations, Outcome.VIOLATION);
            }
            List<AlterConfigOp> ops = deviations.stream().map(d -> new AlterConfigOp(
                    new ConfigEntry(d.setting(), d.expected()), AlterConfigOp.OpType.SET)).toList();
            admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.warn("topic settings set to the catalog: topic={} deviations={}", topic, deviations);
            return new Finding(topic, deviations, Outcome.FIXED);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return new Finding(topic, List.of(), Outcome.ABSENT);
            }
            log.error("topic settings not checked: topic={} error={}", topic, e.getCause().toString());
            return new Finding(topic, List.of(), Outcome.UNCHECKED);
        } catch (java.util.concurrent.TimeoutException e) {
            log.error("topic settings not checked: topic={} error=timeout", topic);
            return new Finding(topic, List.of(), Outcome.UNCHECKED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Finding(topic, List.of(), Outcome.UNCHECKED);
        }
    }
}
