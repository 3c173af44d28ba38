package io.consentflow.e2e;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;

/**
 * The bytes on the broker's log per topic (every partition's replica size, as the broker reports it): what a phase
 * adds per send, the storage side of the producers' compression setting.
 */
record LogBytes(Map<String, Long> byTopic) {

    static LogBytes read(Admin admin) throws Exception {
        var brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        Map<String, Long> byTopic = new TreeMap<>();
        for (Map<String, LogDirDescription> directories : admin.describeLogDirs(brokers).allDescriptions().get()
                .values()) {
            for (LogDirDescription directory : directories.values()) {
                directory.replicaInfos().forEach((partition, replica) ->
                        byTopic.merge(partition.topic(), replica.size(), Long::sum));
            }
        }
        return new LogBytes(byTopic);
    }

    /**
     * The phase's bytes per request settled: the application's topics together, Kafka's internal ones (offsets,
     * transactions) apart, and the topics that grew most, as a setting.
     */
    void reportSince(LogBytes before, BenchReport report, String prefix, int settled) {
        Map<String, Long> added = new TreeMap<>();
        byTopic.forEach((topic, size) -> added.put(topic, size - before.byTopic.getOrDefault(topic, 0L)));
        long application = added.entrySet().stream().filter(e -> !e.getKey().startsWith("__"))
                .mapToLong(Map.Entry::getValue).sum();
        long internal = added.entrySet().stream().filter(e -> e.getKey().startsWith("__"))
                .mapToLong(Map.Entry::getValue).sum();
        int perSend = Math.max(1, settled);
        report.figure(prefix + "_log_bytes_per_send topics", application / perSend, "B",
                "bytes the phase added to the broker's log of the application's topics, per request settled");
        report.figure(prefix + "_log_bytes_per_send internal", internal / perSend, "B",
                "the same for Kafka's internal topics (consumer offsets, transaction state)");
        report.setting(prefix + " log bytes per send by topic", added.entrySet().stream()
                .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8).map(e -> e.getKey() + " " + e.getValue() / perSend).collect(Collectors.joining(", ")));
    }
}
