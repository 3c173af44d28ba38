package io.consentflow.consent.bench;

import io.consentflow.testsupport.ThreadCpu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The opt-in benchmark's thread groups for test-support's ThreadCpu: consent-service's threads and the harness's. */
final class OptInThreads {

    static final String BROKER = "Kafka broker (harness)";
    static final String WIRE_SERVER = "Mongo wire server (harness)";
    static final String CLIENT = "load client (harness)";
    static final String CONSUMER = "send-requests reader (harness)";
    static final String FLOOR = "floor driver (harness)";

    /**
     * Groups that are not consent-service's own threads: what is left of this JVM's CPU is the service's. The JIT
     * and the collector work for every part of this JVM (broker and wire server included): listed, not counted.
     */
    static final List<String> NOT_THE_SERVICE = List.of(BROKER, WIRE_SERVER, CLIENT, CONSUMER, FLOOR,
            "benchmark thread (harness)", "JFR (harness)", "JVM: JIT", "JVM: GC");

    /** Thread name prefix → group; first match wins, unmatched threads count as "other: name". */
    static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("bench-client", CLIENT);
        GROUPS.put("bench-reader", CONSUMER);
        GROUPS.put("bench-floor", FLOOR);
        GROUPS.put("kafka-producer", "service: producer I/O thread");
        GROUPS.put("mongo-server", WIRE_SERVER);
        ThreadCpu.EMBEDDED_BROKER_PREFIXES.forEach(prefix -> GROUPS.put(prefix, BROKER));
        GROUPS.put("webflux-http", "service: web server event loops");
        GROUPS.put("reactor-http", "service: web server event loops");
        GROUPS.put("consent-", "service: Kafka listeners");
        GROUPS.put("outbox-relay", "service: outbox relay");
        GROUPS.put("parallel-", "service: reactor parallel/timers");
        GROUPS.put("boundedElastic-", "service: reactor bounded elastic");
        GROUPS.put("mongo-io", "service: Mongo driver");
        GROUPS.put("multiThreadIoEventLoopGroup", "service: Mongo driver");
        GROUPS.put("AsynchronousSocketChannel", "service: Mongo driver");
        GROUPS.put("Thread-", "service: Mongo driver (async channel group)");
        GROUPS.put("AsyncGetter", "service: Mongo driver");
        GROUPS.put("cluster-", "service: Mongo driver");
        GROUPS.put("main", "benchmark thread (harness)");
        GROUPS.put("JFR", "JFR (harness)");
    }

    private OptInThreads() {
    }
}
