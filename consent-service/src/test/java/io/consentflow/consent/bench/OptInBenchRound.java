package io.consentflow.consent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One round of the real path: {@code scripts/OptInBench.java} run as committed (black-box web opt-ins against the
 * running {@code ./run-local.sh}, no warm-up of its own), its output printed and its figures read back: rate, request
 * → 202 p50/p99 and each process's CPU per opt-in over its measured window.
 */
record OptInBenchRound(int optIns, double seconds, double p50Millis, double p99Millis,
        Map<String, Double> microsPerOptIn) {

    private static final Pattern MEASURED = Pattern.compile("measured: (\\d+) opt-ins, \\d+ clients, ([\\d.]+) s");
    private static final Pattern LATENCY = Pattern.compile("request -> 202 p50 ([\\d.]+) ms, p99 ([\\d.]+) ms");
    private static final Pattern CPU = Pattern.compile("CPU (.+?)\\s+[\\d.]+ % of one core,\\s+(\\d+) us per opt-in");

    /** Runs the script from {@code root} (the checkout ./run-local.sh runs from) with this JVM's java. */
    static OptInBenchRound run(Path root, int clients, int optIns) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-XX:+UseSerialGC", "scripts/OptInBench.java",
                "--clients", Integer.toString(clients), "--opt-ins", Integer.toString(optIns), "--warm-up", "0")
                .directory(root.toFile()).redirectErrorStream(true).start();
        int measured = 0;
        double seconds = 0;
        double p50 = 0;
        double p99 = 0;
        Map<String, Double> cpu = new TreeMap<>();
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("  [OptInBench] " + line);
                Matcher m;
                if ((m = MEASURED.matcher(line)).find()) {
                    measured = Integer.parseInt(m.group(1));
                    seconds = Double.parseDouble(m.group(2));
                } else if ((m = LATENCY.matcher(line)).find()) {
                    p50 = Double.parseDouble(m.group(1));
                    p99 = Double.parseDouble(m.group(2));
                } else if ((m = CPU.matcher(line)).find() && !m.group(1).equals("all of them")) {
                    cpu.put(m.group(1).trim(), Double.parseDouble(m.group(2)));
                }
            }
        }
        if (process.waitFor() != 0 || measured != optIns) {
            throw new IllegalStateException("OptInBench failed (exit " + process.exitValue() + "): see its output");
        }
        return new OptInBenchRound(optIns, seconds, p50, p99, cpu);
    }

    /** A round of the floor, measured in this JVM the same way (the processes' CPU over the round's window). */
    static OptInBenchRound floor(int optIns, double seconds, long[] micros, Map<String, Double> cpuSeconds) {
        long[] sorted = micros.clone();
        java.util.Arrays.sort(sorted);
        Map<String, Double> perOptIn = new TreeMap<>();
        cpuSeconds.forEach((name, cpu) -> perOptIn.put(name, (double) Math.round(cpu * 1e6 / optIns)));
        return new OptInBenchRound(optIns, seconds, sorted[sorted.length / 2] / 1e3,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e3, perOptIn);
    }

    double rate() {
        return optIns / seconds;
    }

    double allMicros() {
        return microsPerOptIn.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** CPU µs per opt-in per process over several rounds (weighted by their opt-ins). */
    static Map<String, Double> micros(List<OptInBenchRound> rounds) {
        int total = rounds.stream().mapToInt(OptInBenchRound::optIns).sum();
        Map<String, Double> sum = new TreeMap<>();
        rounds.forEach(r -> r.microsPerOptIn().forEach((name, us) -> sum.merge(name, us * r.optIns() / total,
                Double::sum)));
        return sum;
    }

    static double rate(List<OptInBenchRound> rounds) {
        return rounds.stream().mapToInt(OptInBenchRound::optIns).sum()
                / rounds.stream().mapToDouble(OptInBenchRound::seconds).sum();
    }
}
