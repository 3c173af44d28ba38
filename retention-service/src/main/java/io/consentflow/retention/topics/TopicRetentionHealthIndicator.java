package io.consentflow.retention.topics;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** DOWN while a personal-data topic keeps records longer than policy (only possible with fix-topic-retention=false). */
@Component("topicRetention")
class TopicRetentionHealthIndicator implements HealthIndicator {

    private final TopicRetentionGuard guard;

    TopicRetentionHealthIndicator(TopicRetentionGuard guard) {
        this.guard = guard;
    }

    @Override
    public Health health() {
        var violations = guard.findings().stream()
                .filter(finding -> finding.outcome() == TopicRetentionGuard.Outcome.VIOLATION)
                .map(TopicRetentionGuard.Finding::topic).toList();
        return violations.isEmpty() ? Health.up().build()
                : Health.down().withDetail("retentionExceedsPolicy", violations).build();
    }
}
