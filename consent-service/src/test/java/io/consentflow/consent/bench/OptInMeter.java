package io.consentflow.consent.bench;

import io.consentflow.testsupport.MachineCpu;
import io.consentflow.testsupport.ProcessCpu;
import io.consentflow.testsupport.ThreadCpu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the measured rounds of one kind (the floor or the real opt-in path) cost, summed over all of them: seconds,
 * CPU of this JVM by thread group ({@link OptInThreads}; GC and JIT threads listed too), CPU of every process, how
 * busy the machine was and how much the hypervisor took, and latencies. Summed, because what comes now and then (a
 * collection, a burst of JIT compiling) lands in one round or another.
 */
final class OptInMeter {

    private final String name;
    private final Map<String, Double> groupMicros = new TreeMap<>();
    private final Map<String, Double> processMillis = new TreeMap<>();
    private final List<Long> roundRates = new ArrayList<>();
    private final List<Long> acceptedMicros = new ArrayList<>();
    private final List<Long> publishedMicros = new ArrayList<>();
    private double seconds;
    private long operations;
    private double busyPercentSeconds;
    private double stealPercentSeconds;

    private ThreadCpu threads;
    private ProcessCpu processes;
    private MachineCpu machine;
    private long startedNanos;

    OptInMeter(String name) {
        this.name = name;
    }

    void start() {
        threads = new ThreadCpu(OptInThreads.GROUPS);
        processes = new ProcessCpu();
        machine = new MachineCpu();
        startedNanos = System.nanoTime();
    }

    /** Ends a round of {@code count} operations that took {@code roundSeconds}. */
    void stop(int count, double roundSeconds) {
        double elapsed = (System.nanoTime() - startedNanos) / 1e9;
        processes.millisByProcess().forEach((process, millis) -> processMillis.merge(process, millis, Double::sum));
        threads.perUnitMicros(1).forEach((group, micros) -> groupMicros.merge(group, micros, Double::sum));
        var shares = machine.percentSince();
        busyPercentSeconds += shares.getOrDefault("busy %", 0.0) * elapsed;
        stealPercentSeconds += shares.getOrDefault("steal %", 0.0) * elapsed;
        seconds += roundSeconds;
        operations += count;
        roundRates.add(Math.round(count / roundSeconds));
    }

    /** Latencies of one opt-in: request → HTTP 202, request → confirmation request read on send-requests. */
    void latencies(long[] accepted, long[] published) {
        Arrays.stream(accepted).forEach(acceptedMicros::add);
        Arrays.stream(published).forEach(publishedMicros::add);
    }

    double rate() {
        return operations / seconds;
    }

    double allProcessesMicros() {
        return round(processMillis.values().stream().mapToDouble(Double::doubleValue).sum() * 1_000 / operations);
    }

    /** CPU µs per operation of consent-service's own threads (not the harness's, the JIT's or the collector's). */
    double serviceMicros() {
        return round(groupMicros.entrySet().stream()
                .filter(e -> !OptInThreads.NOT_THE_SERVICE.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum() / operations);
    }

    double groupMicros(String group) {
        return round(groupMicros.getOrDefault(group, 0.0) / operations);
    }

    Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(name + " per second (all rounds; each round)", Math.round(rate()) + " " + roundRates);
        double elapsed = Math.max(seconds, 1e-9);
        figures.put(name + " machine busy %, steal %", round(busyPercentSeconds / elapsed) + ", "
                + round(stealPercentSeconds / elapsed));
        if (!acceptedMicros.isEmpty()) {
            figures.put(name + " request -> HTTP 202 p50 / p99 ms", percentiles(acceptedMicros));
            figures.put(name + " request -> confirmation read on send-requests p50 / p99 ms",
                    percentiles(publishedMicros));
        }
        figures.put(name + " cpu_us/op all processes", allProcessesMicros());
        processMillis.forEach((process, millis) -> figures.put(name + " cpu_us/op process: " + process,
                round(millis * 1_000 / operations)));
        figures.put(name + " cpu_us/op consent-service's threads (this JVM less harness, broker, wire server, JIT, GC)", serviceMicros());
        groupMicros.forEach((group, micros) -> {
            if (micros / operations >= 0.5) {
                figures.put(name + " cpu_us/op   " + group, round(micros / operations));
            }
        });
        return figures;
    }

    private static String percentiles(List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return round(sorted[sorted.length / 2] / 1_000.0) + " / "
                + round(sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1_000.0);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
