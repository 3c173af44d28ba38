package io.consentflow.schemas;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * One topic of the contract: its key, the event types it carries, how it is laid out and kept, and who writes it.
 * {@code owner} is the service that creates it (for a topic written from outside the suite, its main consumer).
 *
 * @param carriesPersonalData true when values or keys hold raw phone numbers, so retention must stay short
 */
public record TopicSpec(
        String name,
        KeyKind key,
        List<Class<? extends SpecificRecord>> valueTypes,
        int partitions,
        Map<String, String> configs,
        Set<String> writers,
        String owner,
        boolean carriesPersonalData) {

    public TopicSpec {
        valueTypes = List.copyOf(valueTypes);
        configs = Map.copyOf(configs);
        writers = Set.copyOf(writers);
    }

    public boolean compacted() {
        return configs.getOrDefault("cleanup.policy", "delete").contains("compact");
    }

    public boolean carries(Class<? extends SpecificRecord> type) {
        return valueTypes.contains(type);
    }

    public String deadLetterTopic() {
        return name + Topics.DLT_SUFFIX;
    }

    /**
     * The dead-letter topic of this topic: same partitions (records keep their partition), same retention (30 days for
     * a compacted topic) and, for a topic that carries numbers or a compacted one, a bound on the last copy
     * ({@link Topics#lastCopyGoneWithin}).
     */
    public TopicSpec deadLetter() {
        Map<String, String> dltConfigs = new java.util.HashMap<>(configs);
        dltConfigs.put("cleanup.policy", "delete");
        if (compacted()) {
            dltConfigs.put("retention.ms", Long.toString(java.time.Duration.ofDays(30).toMillis()));
        }
        dltConfigs.remove("min.compaction.lag.ms");
        dltConfigs.remove("max.compaction.lag.ms");
        dltConfigs.remove("delete.retention.ms");
        dltConfigs.remove("min.cleanable.dirty.ratio");
        // the short segments, broker timestamps and file delay stay: a topic that carries numbers, or the compacted
        // topic keyed by the contactKey, keeps an exact bound (Topics.lastCopyGoneWithin) in its DLT too
        return new TopicSpec(deadLetterTopic(), KeyKind.SOURCE_KEY, List.of(), partitions, dltConfigs,
                Set.of("error-handlers"), owner, carriesPersonalData);
    }
}
