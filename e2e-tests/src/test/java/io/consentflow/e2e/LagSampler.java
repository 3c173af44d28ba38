package io.consentflow.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Every second, each service consumer group's lag per topic (end offsets minus committed offsets, summed over the
 * partitions) and each topic's end offset: where records wait. The benchmark's own groups (e2e-*) are left out.
 */
final class LagSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 1_000;

    private final Admin admin;
    private final Thread sampler;
    private final List<String> lines = new ArrayList<>();
    private volatile boolean running = true;

    LagSampler(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        sampler = new Thread(this::sampleUntilClosed, "e2e-bench-lag");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sampleUntilClosed() {
        long start = System.currentTimeMillis();
        while (running) {
            String line;
            try {
                line = String.format("[lag +%5.1fs] %s", (System.currentTimeMillis() - start) / 1000.0, sample());
            } catch (Exception e) {
                line = "[lag] not readable: " + e;
            }
            synchronized (lines) {
                lines.add(line);
            }
            System.out.println(line);
            ServiceProcess.sleep(INTERVAL_MILLIS);
        }
    }

    private String sample() throws Exception {
        List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                .filter(g -> !g.startsWith("e2e")).sorted().toList();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new TreeMap<>();
        for (String group : groups) {
            committed.put(group, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get());
        }
        Map<TopicPartition, OffsetSpec> wanted = committed.values().stream().flatMap(m -> m.keySet().stream())
                .distinct().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        var ends = admin.listOffsets(wanted).all().get();
        StringBuilder out = new StringBuilder();
        committed.forEach((group, offsets) -> {
            Map<String, Long> lagPerTopic = new TreeMap<>();
            offsets.forEach((tp, at) -> lagPerTopic.merge(tp.topic(),
                    at == null ? 0 : ends.get(tp).offset() - at.offset(), Long::sum));
            lagPerTopic.forEach((topic, lag) -> {
                if (topic.equals("whatsapp-inbound") || topic.equals("consent-state") || lag > 0) {
                    out.append(group).append('/').append(topic).append('=').append(lag).append(' ');
                }
            });
        });
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(5_000);
        admin.close();
    }
}
