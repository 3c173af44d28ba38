package io.consentflow.gateway.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's thread groups for test-support's ThreadCpu: the gateway's threads and the harness's. */
final class GatewayThreads {

    private static final String BROKER = "Kafka broker (harness)";
    private static final String WIRE_SERVER = "Mongo wire server (harness)";
    private static final String DRIVER_IO = "gateway: Mongo driver (I/O threads)";
    private static final String DRIVER_POOL = "gateway: Mongo driver (connection pool)";
    private static final String DRIVER_NETTY = "gateway: Mongo driver (its Netty event loops)";
    private static final String CONSUMER = "gateway: consumer thread (poll, Avro, claim prep)";
    private static final String PRODUCER = "gateway: producer I/O thread";

    /** The groups that do the contract's I/O: the broker, the wire server, the Mongo driver, consumer, producer. */
    static final List<String> CONTRACT_IO = List.of(BROKER, WIRE_SERVER, DRIVER_IO, DRIVER_POOL, DRIVER_NETTY,
            CONSUMER, PRODUCER);

    /** Thread name prefix → group; first match wins, unmatched threads count as "other". */
    static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("stub-cloud-api", "stub Cloud API (harness)");
        GROUPS.put("kafka-producer", PRODUCER);
        GROUPS.put("mongo-server", WIRE_SERVER);
        GROUPS.put("data-plane-kafka", BROKER);
        GROUPS.put("kafka-", BROKER);
        GROUPS.put("quorum", BROKER);
        GROUPS.put("raft", BROKER);
        GROUPS.put("group-coordinator", BROKER);
        GROUPS.put("ExpirationReaper", BROKER);
        GROUPS.put("send-requests", CONSUMER);
        GROUPS.put("reactor-http", "gateway: netty event loops (WebClient, gate, outcomes)");
        GROUPS.put("parallel-", "gateway: reactor timers");
        GROUPS.put("mongo-io", DRIVER_IO);
        GROUPS.put("multiThreadIoEventLoopGroup", DRIVER_NETTY);
        GROUPS.put("AsyncGetter", DRIVER_POOL);
        GROUPS.put("cluster-", DRIVER_POOL);
        GROUPS.put("executor-", BROKER);
        GROUPS.put("broker-", BROKER);
        GROUPS.put("controller-", BROKER);
        GROUPS.put("share-", BROKER);
        GROUPS.put("main", "benchmark thread (harness)");
        GROUPS.put("JFR", "JFR (harness)");
        GROUPS.put("follow-", "gateway: consent view followers");
    }

    private GatewayThreads() {
    }
}
