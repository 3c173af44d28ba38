package io.consentflow.retention.web;

import io.consentflow.retention.domain.RetentionPeriod;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The date by which the last copy of a record on a topic that carries numbers is gone, for the Art. 30 record:
 * the catalog's bound ({@link Topics#lastCopyGoneWithin}) with the policy's period as retention.ms, which
 * {@code TopicRetentionGuard} enforces.
 */
final class TopicBounds {

    private TopicBounds() {
    }

    static Duration lastCopyGoneWithin(String topic, RetentionPeriod period) {
        Map<String, String> configs = new HashMap<>(Topics.byName(topic)
                .orElseThrow(() -> new IllegalArgumentException("topic not in the catalog")).configs());
        if (period != null) {
            configs.put("retention.ms", Long.toString(period.atMost().toMillis()));
        }
        return Topics.lastCopyGoneWithin(configs, Topics.BROKER_RETENTION_CHECK_INTERVAL);
    }
}
