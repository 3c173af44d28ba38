package io.consentflow.retention.adapters.web;

import io.consentflow.retention.domain.RetentionPeriod;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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

    /** The compacted topics: the bound on an erased contact's key ({@link Topics#compactedCopyGoneWithin}). */
    static List<RetentionDtos.CompactedTopicBound> compacted() {
        return Topics.ALL.stream().filter(TopicSpec::compacted).map(topic -> new RetentionDtos.CompactedTopicBound(
                topic.name(), List.of("contact key (keyed pseudonym of the number) of an erased contact, as the key"
                        + " of its tombstone and of the snapshots before it"),
                Topics.compactedCopyGoneWithin(topic).toString(),
                "counted from the tombstone; holds once the partition receives another record after the roll time"
                        + " (Kafka rolls the active segment only on an append) and while the log cleaner is not busy"
                        + " with other logs; TopicRetentionGuard checks the settings it depends on")).toList();
    }
}
