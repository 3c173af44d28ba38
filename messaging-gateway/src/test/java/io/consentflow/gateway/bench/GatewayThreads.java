package io.consentflow.gateway.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The benchmark's thread groups for test-support's ThreadCpu: the gateway's threads and the harness's. */
final class GatewayThreads {

    /** Thread name prefix → group; first match wins, unmatched threads count as "other". */
    static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("stub-cloud-api", "stub Cloud API (harness)");
        GROUPS.put("kafka-producer", "gateway: producer I/O thread");
        GROUPS.put("mongo-server", "Mongo wire server (harness)");
        GROUPS.put("data-plane-kafka", "Kafka broker (harness)");
        GROUPS.put("kafka-", "Kafka broker (harness)");
        GROUPS.put("quorum", "Kafka broker (harness)");
        GROUPS.put("raft", "Kafka broker (harness)");
        GROUPS.put("group-coordinator", "Kafka broker (harness)");
        GROUPS.put("ExpirationReaper", "Kafka broker (harness)");
        GROUPS.put("send-requests", "gateway: consumer thread (poll, Avro, claim prep)");
        GROUPS.put("reactor-http", "gateway: netty event loops (WebClient, gate, outcomes)");
        GROUPS.put("parallel-", "gateway: reactor timers");
        GROUPS.put("mongo-io", "gateway: Mongo driver (I/O threads)");
        GROUPS.put("multiThreadIoEventLoopGroup", "gateway: Mongo driver (its Netty event loops)");
        GROUPS.put("AsyncGetter", "gateway: Mongo driver (connection pool)");
        GROUPS.put("cluster-", "gateway: Mongo driver (connection pool)");
        GROUPS.put("executor-", "Kafka broker (harness)");
        GROUPS.put("broker-", "Kafka broker (harness)");
        GROUPS.put("controller-", "Kafka broker (harness)");
        GROUPS.put("share-", "Kafka broker (harness)");
        GROUPS.put("main", "benchmark thread (harness)");
        GROUPS.put("JFR", "JFR (harness)");
        GROUPS.put("follow-", "gateway: consent view followers");
    }

    private GatewayThreads() {
    }
}
