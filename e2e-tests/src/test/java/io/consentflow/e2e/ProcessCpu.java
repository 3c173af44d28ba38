package io.consentflow.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time per process of the suite between two points, so a phase can say what each process spent per message:
 * on a shared 2-core machine this shows which process the load saturates, independent of sends/s. Covers the test
 * JVM (the load driver, and the broker and Mongo wire server unless they run as processes) and every process it
 * started: the services, the simulator and, with CONSENTFLOW_TEST_INFRA=processes, the broker and the wire server.
 */
final class ProcessCpu {

    /** How test-support marks the broker and wire-server processes it starts (CONSENTFLOW_TEST_INFRA=processes). */
    private static final String INFRA_CHILD = "-Dconsentflow.test.infra.child=";

    private final Map<Long, Duration> start = snapshot();

    private static Map<Long, Duration> snapshot() {
        Map<Long, Duration> cpu = new LinkedHashMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .forEach(process -> process.info().totalCpuDuration()
                        .ifPresent(time -> cpu.put(process.pid(), time)));
        return cpu;
    }

    /** Adds one figure per process: CPU ms per 1,000 requests of the phase, and the share of the machine used. */
    void report(BenchReport report, String prefix, int requests, long wallMillis) {
        Map<String, Double> millisByName = new TreeMap<>();
        snapshot().forEach((pid, now) -> {
            double millis = now.minus(start.getOrDefault(pid, Duration.ZERO)).toNanos() / 1e6;
            millisByName.merge(name(pid), millis, Double::sum);
        });
        double total = 0;
        for (var entry : millisByName.entrySet()) {
            total += entry.getValue();
            report.figure(prefix + "_cpu_ms_per_1000 " + entry.getKey(),
                    Math.round(entry.getValue() * 1_000 / requests), "ms",
                    "CPU time of this process per 1,000 requests of the phase");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        report.figure(prefix + "_cpu_busy", Math.round(100 * total / (wallMillis * (double) cores)), "%",
                "CPU used by all processes of the suite / (phase wall time x " + cores + " cores)");
    }

    /** The module of a service jar, the main class of another JVM, or "test JVM". */
    private static String name(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return "test JVM (load driver" + (Suite.infrastructureInProcess() ? ", broker, Mongo wire server)" : ")");
        }
        List<String> arguments = ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).map(List::of)
                .orElse(List.of());
        for (String argument : arguments) {
            if (argument.startsWith(INFRA_CHILD)) {
                return argument.substring(INFRA_CHILD.length()) + " (test infrastructure process)";
            }
        }
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).equals("-jar") && i + 1 < arguments.size()) {
                return Path.of(arguments.get(i + 1)).getFileName().toString().replaceAll("-\\d.*\\.jar$", "");
            }
        }
        return arguments.stream().filter(a -> !a.startsWith("-") && a.matches("[\\w.]+\\.[A-Z]\\w*"))
                .map(a -> a.substring(a.lastIndexOf('.') + 1)).findFirst().orElse("pid " + pid);
    }
}
