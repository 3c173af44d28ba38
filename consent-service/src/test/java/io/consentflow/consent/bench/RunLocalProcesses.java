package io.consentflow.consent.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The processes a running {@code ./run-local.sh} started (its {@code .local/run/<name>.pid} files): their CPU seconds
 * (user + system, from /proc, as {@code scripts/OptInBench.java} reads them) and the machine's load average.
 */
final class RunLocalProcesses {

    private final Path runDirectory;

    RunLocalProcesses(Path localDirectory) {
        this.runDirectory = localDirectory.resolve("run");
    }

    /** CPU seconds so far per process name; a process that stopped is left out. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new TreeMap<>();
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(runDirectory)) {
            pidFiles = files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no " + runDirectory + ": is ./run-local.sh running?", e);
        }
        for (Path pidFile : pidFiles) {
            String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
            try {
                String stat = Files.readString(Path.of("/proc/" + Files.readString(pidFile).trim() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // from the state on, utime is the 12th field and stime the 13th (clock ticks, USER_HZ = 100)
                cpu.put(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0);
            } catch (IOException | RuntimeException e) {
                // the supervisor's own pid file, or a process that stopped meanwhile: not measured
            }
        }
        return cpu;
    }

    /** CPU seconds per process between two {@link #cpuSeconds()} readings. */
    static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> spent = new TreeMap<>();
        before.forEach((name, seconds) -> {
            if (after.containsKey(name)) {
                spent.put(name, after.get(name) - seconds);
            }
        });
        return spent;
    }

    /**
     * Waits until the suite is nearly idle (all its processes together under a fifth of a core for two seconds in a
     * row; at most {@code maxSeconds}), so what one round set going downstream is not counted in the next. Returns the
     * seconds waited.
     */
    double settle(int maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        int quietSeconds = 0;
        Map<String, Double> before = cpuSeconds();
        while (quietSeconds < 2 && System.nanoTime() - start < maxSeconds * 1_000_000_000L) {
            Thread.sleep(1_000);
            Map<String, Double> after = cpuSeconds();
            double busy = since(before, after).values().stream().mapToDouble(Double::doubleValue).sum();
            quietSeconds = busy < 0.2 ? quietSeconds + 1 : 0;
            before = after;
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
