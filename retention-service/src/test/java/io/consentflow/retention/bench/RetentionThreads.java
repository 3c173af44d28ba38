package io.consentflow.retention.bench;

import io.consentflow.testsupport.ThreadCpu;
import java.util.LinkedHashMap;
import java.util.Map;

/** The benchmark's thread groups: what the service runs, and what the harness (broker, wire server) runs. */
final class RetentionThreads {

    static final String HARNESS = " (harness)";
    /** JIT and GC work for every thread of the JVM: with the embedded broker and wire server, theirs too. */
    static final String JVM = "JVM (whole JVM, incl. in-JVM harness): ";
    /** Thread name prefix -> group; first match wins. */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("retention-event", "service: listener retention-events (poll, Avro, intake)");
        GROUPS.put("AsyncGetter", "service: Mongo driver");
        GROUPS.put("cluster-", "service: Mongo driver");
        GROUPS.put("multiThreadIoEv", "service: Mongo driver");
        GROUPS.put("nioEventLoopGro", "service: Mongo driver");
        GROUPS.put("Thread-", "service: Mongo driver (async transport)");
        GROUPS.put("boundedElastic-", "service: reactor boundedElastic");
        GROUPS.put("parallel-", "service: reactor timers");
        GROUPS.put("scheduling-", "service: scheduler / overdue monitor");
        GROUPS.put("reactor-http", "service: netty (HTTP)");
                GROUPS.put("kafka-producer-", "load producer" + HARNESS);
        GROUPS.put("kafka-admin-cli", "lag probe" + HARNESS);
        GROUPS.put("main", "benchmark thread" + HARNESS);
        GROUPS.put("JFR", "JFR" + HARNESS);
        GROUPS.put("mongo-server", "Mongo wire server" + HARNESS);
        GROUPS.put("data-plane-kafk", "Kafka broker" + HARNESS);
        GROUPS.put("kafka-", "Kafka broker" + HARNESS);
        GROUPS.put("quorum", "Kafka broker" + HARNESS);
        GROUPS.put("raft", "Kafka broker" + HARNESS);
        GROUPS.put("group-coordinat", "Kafka broker" + HARNESS);
        GROUPS.put("ExpirationReape", "Kafka broker" + HARNESS);
        GROUPS.put("executor-", "Kafka broker" + HARNESS);
        GROUPS.put("broker-", "Kafka broker" + HARNESS);
        GROUPS.put("controller-", "Kafka broker" + HARNESS);
        GROUPS.put("share-", "Kafka broker" + HARNESS);
        GROUPS.put("ReplicaFetcher", "Kafka broker" + HARNESS);
        GROUPS.put("LogDirFailureHa", "Kafka broker" + HARNESS);
        GROUPS.put("kafka-log-clean", "Kafka broker" + HARNESS);
        GROUPS.put("transaction-log", "Kafka broker" + HARNESS);
    }

    private RetentionThreads() {
    }

    static ThreadCpu start() {
        return new ThreadCpu(GROUPS);
    }

    /**
     * CPU µs per event per group since {@code cpu} started, plus the whole process and the sum of the service's own
     * threads (listener, Mongo driver, reactor, scheduler, HTTP; JIT and GC are listed apart).
     */
    static Map<String, Double> perEventMicros(ThreadCpu cpu, long events) {
        Map<String, Double> groups = new java.util.TreeMap<>(cpu.perUnitMicros(events));
        double service = groups.entrySet().stream().filter(e -> e.getKey().startsWith("service: "))
                .mapToDouble(Map.Entry::getValue).sum();
        groups.put("= whole process", cpu.processMicrosPerUnit(events));
        groups.put("= service threads (service: groups, without JIT/GC)", Math.round(service * 10) / 10.0);
        return groups;
    }
}
