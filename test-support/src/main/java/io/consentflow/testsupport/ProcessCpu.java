package io.consentflow.testsupport;

import java.io.IOException;
import java.nio.file.Files;
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

    /** Linux reports a thread's CPU in clock ticks of 1/100 s ({@code USER_HZ}, 100 on every Linux of ours). */
    private static final double MILLIS_PER_TICK = 10;

    private final Map<Long, Duration> start = snapshot();
    private final Map<Long, Long> compilerStart = compilerTicks();

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

    /**
     * CPU milliseconds since construction of each process's JIT compiler threads (HotSpot's {@code C1 CompilerThread*}
     * and {@code C2 CompilerThread*}, read from {@code /proc/<pid>/task/<tid>/stat}), per process name: whether a
     * window measured compiled code or the compiling. On two cores HotSpot runs one thread of each compiler, which it
     * never retires; a compiler thread added and retired inside the window (more cores) would be missed. Empty
     * where there is no {@code /proc}.
     */
    public Map<String, Double> compilerMillisByProcess() {
        Map<String, Double> millisByName = new TreeMap<>();
        compilerTicks().forEach((pid, now) -> millisByName.merge(name(pid),
                (now - compilerStart.getOrDefault(pid, 0L)) * MILLIS_PER_TICK, Double::sum));
        return millisByName;
    }

    private static Map<Long, Long> compilerTicks() {
        Map<Long, Long> ticks = new LinkedHashMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .forEach(process -> ticks.put(process.pid(), compilerTicks(process.pid())));
        return ticks;
    }

    private static long compilerTicks(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.mapToLong(task -> compilerThreadTicks(task.resolve("stat"))).sum();
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** utime + stime of a compiler thread; 0 for any other thread (or one that ended meanwhile). */
    static long compilerThreadTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String threadName = line.substring(open + 1, close);
            if (!threadName.startsWith("C1 CompilerThre") && !threadName.startsWith("C2 CompilerThre")) {
                return 0;
            }
            // after the name: state (field 3) ... utime (field 14), stime (field 15)
            String[] fields = line.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
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
