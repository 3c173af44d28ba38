package io.consentflow.retention.adapters.kafka;

import io.consentflow.schemas.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topic settings a stated bound depends on ({@code Topics.lastCopyGoneWithin},
 * {@code Topics.compactedCopyGoneWithin}), as the catalog sets them, and how a topic's actual settings deviate from
 * them. Times are upper limits (a shorter one only tightens the bound; -1, "forever", always deviates); the timestamp
 * type and the cleanup policy must match.
 */
record BoundSettings(String topic, Map<String, String> expected) {

    /** Upper limits in milliseconds. */
    static final Set<String> LIMITS = Set.of("retention.ms", "segment.ms", "file.delete.delay.ms",
            "delete.retention.ms", "max.compaction.lag.ms");
    private static final List<String> ORDER = List.of("cleanup.policy", "retention.ms", "segment.ms",
            "max.compaction.lag.ms", "delete.retention.ms", "file.delete.delay.ms", "message.timestamp.type");

    /** One setting that does not hold: what the broker has (null: not set) and what the bound needs. */
    record Deviation(String setting, String actual, String expected) {
    }

    /** The catalog's settings of the topic's bound; {@code retention} (the policy's period) caps retention.ms. */
    static BoundSettings of(TopicSpec spec, Duration retention) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String setting : ORDER) {
            String value = spec.configs().get(setting);
            if (value != null) {
                expected.put(setting, value);
            }
        }
        if (retention != null) {
            long catalog = Long.parseLong(expected.getOrDefault("retention.ms", Long.toString(Long.MAX_VALUE)));
            expected.put("retention.ms", Long.toString(Math.min(catalog, retention.toMillis())));
        }
        return new BoundSettings(spec.name(), Map.copyOf(expected));
    }

    List<Deviation> deviations(Map<String, String> actual) {
        List<Deviation> out = new ArrayList<>();
        for (String setting : ORDER) {
            String wanted = expected.get(setting);
            if (wanted != null && !holds(setting, actual.get(setting), wanted)) {
                out.add(new Deviation(setting, actual.get(setting), wanted));
            }
        }
        return out;
    }

    private static boolean holds(String setting, String actual, String wanted) {
        if (actual == null) {
            return false;
        }
        if (LIMITS.contains(setting)) {
            try {
                long value = Long.parseLong(actual.strip());
                return value >= 0 && value <= Long.parseLong(wanted);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if ("cleanup.policy".equals(setting)) {
            return List.of(actual.replace(" ", "").split(",")).contains(wanted);
        }
        return actual.equals(wanted);
    }
}
