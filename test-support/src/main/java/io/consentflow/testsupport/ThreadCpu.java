package io.consentflow.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time per thread group between construction and a reading, for benchmarks that report CPU µs per message:
 * less sensitive to other load on a shared machine than a rate. On Linux it reads {@code /proc/self/task}, which
 * also lists the JVM's own threads (GC workers, JIT compilers, the VM thread) that ThreadMXBean hides; elsewhere
 * Java threads only. Threads that ended in between are not counted.
 */
public final class ThreadCpu {

    /** The JVM's own threads, matched after the caller's groups. */
    public static final Map<String, String> JVM_GROUPS = Map.of("C1 CompilerThre", "JVM: JIT",
            "C2 CompilerThre", "JVM: JIT", "GC Thread", "JVM: GC", "ParGC", "JVM: GC", "VM Thread", "JVM: GC");

    /** Thread-name prefixes of the embedded KRaft broker ({@link TestInfrastructure} in this JVM). */
    public static final List<String> EMBEDDED_BROKER_PREFIXES = List.of("data-plane-kafka", "kafka-", "quorum",
            "raft", "group-coordinator", "ExpirationReaper", "executor-", "broker-", "controller-", "share-",
            "LogDirFailureHandler");

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
    private static final double NANOS_PER_TICK = 1e9 / 100;
    /** Linux keeps only the first 15 characters of a thread's name. */
    private static final int NAME_LIMIT = 15;

    private final Map<String, String> groups = new LinkedHashMap<>();
    private final Map<String, Long> start = snapshot();
    private final long processStart = processCpuNanos();

    /** @param groups thread-name prefix → group name, first match wins; unmatched threads are "other: name" */
    public ThreadCpu(Map<String, String> groups) {
        this.groups.putAll(groups);
        JVM_GROUPS.forEach(this.groups::putIfAbsent);
    }

    /** CPU µs per unit (message, event) per group since construction; groups under 1 µs are folded together. */
    public Map<String, Double> perUnitMicros(long units) {
        Map<String, Double> byGroup = new TreeMap<>();
        snapshot().forEach((thread, now) -> byGroup.merge(group(thread.substring(thread.indexOf('/') + 1)),
                (now - start.getOrDefault(thread, 0L)) / 1_000.0 / units, Double::sum));
        Map<String, Double> folded = new TreeMap<>();
        byGroup.forEach((k, v) -> folded.merge(v < 1 ? "other threads (each < 1 µs)" : k, v, Double::sum));
        folded.replaceAll((k, v) -> Math.round(v * 10) / 10.0);
        return folded;
    }

    /** Whole-process CPU µs per unit since construction (includes threads that ended). */
    public double processMicrosPerUnit(long units) {
        return Math.round((processCpuNanos() - processStart) / 1_000.0 / units * 10) / 10.0;
    }

    /** Process CPU time in ns, -1 when the JVM does not say. */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private String group(String name) {
        for (var entry : groups.entrySet()) {
            String prefix = entry.getKey();
            if (name.startsWith(prefix.substring(0, Math.min(prefix.length(), NAME_LIMIT)))) {
                return entry.getValue();
            }
        }
        return "other: " + name.replaceAll("\\d+", "#");
    }

    /** CPU ns per thread, keyed by "id/name". */
    private static Map<String, Long> snapshot() {
        Map<String, Long> cpu = new HashMap<>();
        if (Files.isDirectory(TASKS)) {
            try (Stream<Path> tasks = Files.list(TASKS)) {
                tasks.forEach(task -> {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                        cpu.put(task.getFileName() + "/" + name, Math.round(ticks * NANOS_PER_TICK));
                    } catch (IOException | RuntimeException ended) {
                        // the thread ended while listed
                    }
                });
                return cpu;
            } catch (IOException e) {
                cpu.clear();
            }
        }
        for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                cpu.put(info.getThreadId() + "/" + info.getThreadName(), THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return cpu;
    }
}
