package io.consentflow.gateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time per thread group between two snapshots, so a benchmark can say how many CPU microseconds each part of
 * the run (gateway, broker, Mongo wire server, stub) spent per message: less sensitive to other load than sends/s.
 */
final class CpuByThread {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Thread name prefix → group; first match wins, unmatched threads count as "other". */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

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
        GROUPS.put("C1 Compiler", "JVM: JIT");
        GROUPS.put("C2 Compiler", "JVM: JIT");
    }

    private final Map<Long, Long> start = snapshotById();

    private static Map<Long, Long> snapshotById() {
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            cpu.put(id, THREADS.getThreadCpuTime(id));
        }
        return cpu;
    }

    /** CPU µs per message per group since construction (threads that ended in between are not counted). */
    Map<String, Double> perMessageMicros(int messages) {
        Map<String, Double> groups = new TreeMap<>();
        for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long now = THREADS.getThreadCpuTime(info.getThreadId());
            long before = start.getOrDefault(info.getThreadId(), 0L);
            if (now < 0 || before < 0) {
                continue;
            }
            groups.merge(group(info.getThreadName()), (now - before) / 1_000.0 / messages, Double::sum);
        }
        // small groups (timers, reapers, heartbeats) folded together so the table stays readable
        Map<String, Double> folded = new TreeMap<>();
        groups.forEach((k, v) -> folded.merge(v < 2 ? "other threads (each < 2 µs)" : k, v, Double::sum));
        folded.replaceAll((k, v) -> Math.round(v * 10) / 10.0);
        return folded;
    }

    private static String group(String name) {
        for (var entry : GROUPS.entrySet()) {
            if (name.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return "other: " + name.replaceAll("\\d+", "#");
    }

    /** Process CPU time in ns (includes GC, which has no Java thread). */
    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }
}
