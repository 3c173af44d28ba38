package io.consentflow.gateway.bench;

import io.consentflow.gateway.app.ContractFloor;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.TestInfrastructure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;

/**
 * What the contract's I/O ({@link ContractFloor}) leaves of the bare loop. A pipeline makes the bare loop's call and
 * the floor's I/O, so its CPU per message is at least their sum, and on a machine its processes keep busy, its rate
 * is at most {@code bare / (bare + floor)} of the bare loop's. Beside it: what a 70 % share allows over the bare loop,
 * and the bound read off the pipeline's own rounds.
 */
final class FloorBound {

    private static final double TARGET_SHARE = 0.7;

    private FloorBound() {
    }

    static Map<String, Object> figures(RoundMeter bare, RoundMeter endToEnd, RoundMeter floor) {
        double bareMicros = bare.allProcessesMicros();
        double floorMicros = floor.allProcessesMicros();
        double ownIo = contractIo(endToEnd) - contractIo(bare);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("floor_cpu_us_per_message (consume, claim, outcome, produce; no gate, no call)", floorMicros);
        figures.put("cpu_us_per_message_allowed_over_bare_at_70_percent",
                Math.round(bareMicros * (1 / TARGET_SHARE - 1) * 10) / 10.0);
        figures.put("end_to_end_vs_bare_percent_bound (bare / (bare + floor), CPU per message)",
                percent(bareMicros, floorMicros));
        figures.put("end_to_end_own_io_cpu_us_per_message (broker, wire server, Mongo driver, consumer, producer)",
                Math.round(ownIo * 10) / 10.0);
        figures.put("end_to_end_vs_bare_percent_bound_from_own_io (bare / (bare + own I/O))",
                percent(bareMicros, ownIo));
        return figures;
    }

    /**
     * The same bound read off the pipeline's own rounds, in case the floor's one-batch-at-a-time loop costs more
     * than the pipeline's overlapping I/O: the broker and the wire server (their processes with
     * {@code processes}, their threads when embedded), the Mongo driver's threads, the consumer and the producer
     * thread, less what the bare rounds spent in the same places (the broker idles along).
     */
    private static double contractIo(RoundMeter meter) {
        return meter.processMicros("kafka (test infrastructure process)")
                + meter.processMicros("mongo (test infrastructure process)")
                + GatewayThreads.CONTRACT_IO.stream()
                .mapToDouble(meter::groupMicros).sum();
    }

    private static long percent(double bareMicros, double overMicros) {
        return Math.round(100 * bareMicros / (bareMicros + overMicros));
    }

    /** Creates the floor's own topic, partitioned like send-requests; returns its partitions. */
    static List<TopicPartition> createTopic(String name) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.SEND_REQUESTS.name())).allTopicNames().get()
                    .get(Topics.SEND_REQUESTS.name()).partitions().size();
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            return IntStream.range(0, partitions).mapToObj(partition -> new TopicPartition(name, partition)).toList();
        }
    }
}
