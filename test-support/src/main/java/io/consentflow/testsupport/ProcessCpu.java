package io.consentflow.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time per process between two points, so a benchmark can say what each process spent per message: on a shared
 * 2-core machine this shows which process the load saturates, independent of the rate. Covers the test JVM and every
 * process it started: services, the simulator and, with CONSENTFLOW_TEST_INFRA=processes, the broker and the wire
 * server.
 */
public final class ProcessCpu {

    /** The name {@link #millisByProcess()} gives the JVM that measures. */
    public static final String TEST_JVM = "test JVM";

    private final Map<Long, Duration> start = snapshot();

    private static Map<Long, Duration> snapshot() {
        Map<Long, Duration> cpu = new LinkedHashMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .forEach(process -> process.info().totalCpuDuration()
                        .ifPresent(time -> cpu.put(process.pid(), time)));
        return cpu;
    }

    /** CPU milliseconds since construction per process name (processes of the same name summed). */
    public Map<String, Double> millisByProcess() {
        Map<String, Double> millisByName = new TreeMap<>();
        snapshot().forEach((pid, now) -> millisByName.merge(name(pid),
                now.minus(start.getOrDefault(pid, Duration.ZERO)).toNanos() / 1e6, Double::sum));
        return millisByName;
    }

    /** {@link #TEST_JVM}, the test infrastructure's role, the module of a service jar, or another JVM's main class. */
    private static String name(long pid) {
        if (pid == ProcessHandle.current().pid()) {
            return TEST_JVM;
        }
        List<String> arguments = ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).map(List::of)
                .orElse(List.of());
        for (String argument : arguments) {
            if (argument.startsWith(ChildJvm.ROLE_PROPERTY)) {
                return argument.substring(ChildJvm.ROLE_PROPERTY.length()) + " (test infrastructure process)";
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
