package io.consentflow.gateway.bench;

import io.consentflow.testsupport.MachineCpu;
import io.consentflow.testsupport.ProcessCpu;
import io.consentflow.testsupport.ThreadCpu;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the measured rounds of one kind (bare loop or pipeline) cost, summed over all of them: seconds, CPU of this
 * JVM by thread group (read from {@code /proc/self/task}, so GC workers and JIT compilers are listed), CPU of every
 * process (the broker's and the wire server's too with {@code CONSENTFLOW_TEST_INFRA=processes}), how busy the whole
 * machine was and how much of it the hypervisor took (steal), and GC pauses. Summed, because the costs that come
 * now and then (a collection in the wire server, a burst of JIT compiling) land in one round or another: one round's
 * CPU per message moved by half between rounds of the same run.
 *
 * <p>{@code GW_BENCH_ASYNC=/path/libasyncProfiler.so} also profiles every JVM during these rounds with async-profiler
 * (collapsed stacks under /tmp; attaching makes the JIT recompile, so read the shape, not the rate).
 */
final class RoundMeter {

    private final String name;
    private final String profiler = System.getenv("GW_BENCH_ASYNC");
    private final Map<String, Double> groupMicros = new TreeMap<>();
    private final Map<String, Double> processMillis = new TreeMap<>();
    private final List<Long> roundRates = new java.util.ArrayList<>();
    private double seconds;
    private long messages;
    private double busyPercentSeconds;
    private double stealPercentSeconds;
    private long gcMillis;
    private long processCpuNanos;

    private ThreadCpu threads;
    private ProcessCpu processes;
    private MachineCpu machine;
    private long gcAtStart;
    private long cpuAtStart;
    private long startedNanos;

    RoundMeter(String name) {
        this.name = name;
    }

    void start() {
        profile("start,event=cpu,interval=1ms,threads");
        threads = new ThreadCpu(GatewayThreads.GROUPS);
        processes = new ProcessCpu();
        machine = new MachineCpu();
        gcAtStart = gcMillis();
        cpuAtStart = ThreadCpu.processCpuNanos();
        startedNanos = System.nanoTime();
    }

    /** Ends a round of {@code count} messages that took {@code roundSeconds}; returns all processes' CPU µs/msg. */
    double stop(int count, double roundSeconds) {
        processCpuNanos += ThreadCpu.processCpuNanos() - cpuAtStart;
        double elapsed = (System.nanoTime() - startedNanos) / 1e9;
        Map<String, Double> byProcess = processes.millisByProcess();
        byProcess.forEach((process, millis) -> processMillis.merge(process, millis, Double::sum));
        threads.perUnitMicros(1).forEach((group, micros) -> groupMicros.merge(group, micros, Double::sum));
        var shares = machine.percentSince();
        busyPercentSeconds += shares.getOrDefault("busy %", 0.0) * elapsed;
        stealPercentSeconds += shares.getOrDefault("steal %", 0.0) * elapsed;
        gcMillis += gcMillis() - gcAtStart;
        seconds += roundSeconds;
        messages += count;
        roundRates.add(Math.round(count / roundSeconds));
        profile("stop,collapsed,file=/tmp/gateway-bench-" + name.replace(' ', '-') + "-%p.collapsed");
        return byProcess.values().stream().mapToDouble(Double::doubleValue).sum() * 1_000 / count;
    }

    double rate() {
        return messages / seconds;
    }

    /** CPU µs per message of all processes over every round. */
    double allProcessesMicros() {
        return round(processMillis.values().stream().mapToDouble(Double::doubleValue).sum() * 1_000 / messages);
    }

    /** CPU µs per message over every round of one process (as named in the figures), or 0 if it did not run. */
    double processMicros(String process) {
        return round(processMillis.getOrDefault(process, 0.0) * 1_000 / messages);
    }

    /** CPU µs per message over every round of one thread group of this JVM ({@link GatewayThreads}), or 0. */
    double groupMicros(String group) {
        return round(groupMicros.getOrDefault(group, 0.0) / messages);
    }

    /** The figures of every round together, each name prefixed with this meter's. */
    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(name + " sends/s (all rounds; each round)", Math.round(rate()) + " " + roundRates);
        double elapsed = Math.max(seconds, 1e-9);
        figures.put(name + " machine busy %, steal %", round(busyPercentSeconds / elapsed) + ", "
                + round(stealPercentSeconds / elapsed));
        figures.put(name + " cpu_us/msg all processes", allProcessesMicros());
        processMillis.forEach((process, millis) -> figures.put(name + " cpu_us/msg process: " + process,
                round(millis * 1_000 / messages)));
        figures.put(name + " cpu_us/msg this JVM", round(processCpuNanos / 1_000.0 / messages));
        groupMicros.forEach((group, micros) -> {
            if (micros / messages >= 0.5) {
                figures.put(name + " cpu_us/msg   " + group, round(micros / messages));
            }
        });
        figures.put(name + " gc_pause_ms per 10,000 messages", round(gcMillis * 10_000.0 / messages));
        return figures;
    }

    /**
     * Lets the previous round's aftermath pass before the next is measured: its garbage is collected here, and the
     * broker and the wire server finish their own work (their collections, log housekeeping) until the machine is
     * quiet for half a second (at most 10 s). Without it a bare round right after a pipeline round paid for the
     * pipeline's garbage (a 0.8 s collection in one run) and the ratio flattered the pipeline.
     */
    static void settle() throws InterruptedException {
        System.gc();
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            var machine = new MachineCpu();
            Thread.sleep(500);
            if (machine.percentSince().getOrDefault("busy %", 0.0) < 10) {
                return;
            }
        }
    }

    private void profile(String command) {
        if (profiler == null) {
            return;
        }
        // jcmd splits unquoted key=value arguments itself: the agent's options go as one quoted string
        jcmd(Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants()),
                "JVMTI.agent_load", profiler, "\"" + command + "\"");
    }

    /** A full collection in the child JVMs (the broker's and the wire server's with {@code processes}). */
    static void collectChildJvms() {
        jcmd(ProcessHandle.current().descendants(), "GC.run");
    }

    private static void jcmd(Stream<ProcessHandle> processes, String... command) {
        for (long pid : processes.map(ProcessHandle::pid).toList()) {
            List<String> line = new ArrayList<>(List.of("jcmd", String.valueOf(pid)));
            line.addAll(List.of(command));
            try {
                new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor();
            } catch (Exception e) {
                throw new IllegalStateException("jcmd " + command[0] + ": " + e.getMessage(), e);
            }
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
