package io.consentflow.retention.adapters.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * DOWN while a topic's settings break its stated bound (only possible with fix-topic-retention=false): the details name
 * each topic with the deviating settings.
 */
@Component("topicRetention")
class TopicRetentionHealthIndicator implements HealthIndicator {

    private final TopicRetentionGuard guard;

    TopicRetentionHealthIndicator(TopicRetentionGuard guard) {
        this.guard = guard;
    }

    @Override
    public Health health() {
        var violations = new java.util.TreeMap<String, java.util.List<String>>();
        guard.findings().stream().filter(finding -> finding.outcome() == TopicRetentionGuard.Outcome.VIOLATION)
                .forEach(finding -> violations.put(finding.topic(), finding.settings()));
        return violations.isEmpty() ? Health.up().build()
                : Health.down().withDetail("boundSettingsDeviate", violations).build();
    }
}
