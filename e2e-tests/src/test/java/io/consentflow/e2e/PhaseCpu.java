package io.consentflow.e2e;

import io.consentflow.testsupport.ProcessCpu;

/**
 * A phase's CPU per process as report figures: what each process of the suite spent per 1,000 requests, and how
 * busy the machine was, so a phase shows which process the load saturates independent of sends/s.
 */
final class PhaseCpu {

    private final ProcessCpu cpu = new ProcessCpu();

    /** Adds one figure per process: CPU ms per 1,000 requests of the phase, and the share of the machine used. */
    void report(BenchReport report, String prefix, int requests, long wallMillis) {
        double total = 0;
        for (var entry : cpu.millisByProcess().entrySet()) {
            total += entry.getValue();
            String name = entry.getKey().equals(ProcessCpu.TEST_JVM) ? ProcessCpu.TEST_JVM + " (load driver"
                    + (Suite.infrastructureInProcess() ? ", broker, Mongo wire server)" : ")") : entry.getKey();
            report.figure(prefix + "_cpu_ms_per_1000 " + name, Math.round(entry.getValue() * 1_000 / requests), "ms",
                    "CPU time of this process per 1,000 requests of the phase");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        report.figure(prefix + "_cpu_busy", Math.round(100 * total / (wallMillis * (double) cores)), "%",
                "CPU used by all processes of the suite / (phase wall time x " + cores + " cores)");
    }
}
