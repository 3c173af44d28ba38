package io.consentflow.e2e;

import io.consentflow.testsupport.ProcessCpu;
import java.util.Map;
import java.util.Set;

/**
 * A phase's CPU per process as report figures: what each process of the suite spent per request the phase settled,
 * and how busy the machine was, so a phase shows which process the load saturates independent of sends/s. CPU time
 * per send hardly depends on what else runs on the machine (the rate does), so on a shared machine it is the figure
 * to compare; the load average goes beside it.
 */
final class PhaseCpu {

    /** The load driver and the idle helpers of the harness: not part of what the suite spends per send. */
    private static final Set<String> NOT_THE_SUITE = Set.of(ProcessCpu.TEST_JVM, "local-auth-server",
            "staff-console");

    private final ProcessCpu cpu = new ProcessCpu();
    private final long startMillis = System.currentTimeMillis();

    /**
     * A window without load: what each process spends per second on its own (schedulers, outbox and expiry polls,
     * consumers' idle fetches, the observers' requests). A phase that runs longer on a loaded machine pays more of it
     * per send; the suite's figure beyond it is what each send itself costs. Returns the suite's ms per second.
     */
    double reportIdle(BenchReport report) {
        long wall = System.currentTimeMillis() - startMillis;
        double suite = 0;
        Map<String, Double> millis = cpu.millisByProcess();
        for (var entry : millis.entrySet()) {
            double perSecond = entry.getValue() * 1_000 / wall;
            if (!NOT_THE_SUITE.contains(entry.getKey())) {
                suite += perSecond;
            }
            report.figure("idle_cpu_ms_per_second " + entry.getKey(), Math.round(perSecond * 10) / 10.0, "ms",
                    "CPU time of this process per second of a " + wall / 1_000 + " s window without load");
        }
        reportCompilers(report, "idle", millis);
        report.figure("idle_cpu_ms_per_second_suite", Math.round(suite * 10) / 10.0, "ms",
                "the suite's processes together (as in *_cpu_ms_per_send_suite), per second without load");
        return suite;
    }

    /**
     * Adds one figure per process: CPU ms per 1,000 requests of the phase (for comparison with earlier runs) and µs
     * per request settled; the suite's sum per request (gateway, audit-service, retention-service, consent-service,
     * the simulator, the broker and the wire server: target <= 1.0 ms), and the share of the machine used.
     *
     * @param settled the phase's requests that have a terminal outcome: the CPU window should end only once they
     *                and every consumer of their events (audit-service included) have caught up
     */
    void report(BenchReport report, String prefix, int requests, int settled, long wallMillis,
            double idleSuitePerSecond) {
        double total = 0;
        double suite = 0;
        settled = Math.max(1, settled); // a phase that settled nothing (a broken run) still prints, per 1
        Map<String, Double> millis = cpu.millisByProcess();
        for (var entry : millis.entrySet()) {
            total += entry.getValue();
            if (!NOT_THE_SUITE.contains(entry.getKey())) {
                suite += entry.getValue();
            }
            String name = entry.getKey().equals(ProcessCpu.TEST_JVM) ? ProcessCpu.TEST_JVM + " (load driver"
                    + (Suite.infrastructureInProcess() ? ", broker, Mongo wire server)" : ")") : entry.getKey();
            report.figure(prefix + "_cpu_ms_per_1000 " + name, Math.round(entry.getValue() * 1_000 / requests), "ms",
                    "CPU time of this process per 1,000 requests of the phase");
            report.figure(prefix + "_cpu_us_per_send " + name, Math.round(entry.getValue() * 1_000 / settled), "µs",
                    "CPU time of this process per request settled (terminal outcome) in the phase");
        }
        report.figure(prefix + "_cpu_ms_per_send_suite", Math.round(suite * 100 / settled) / 100.0, "ms",
                "CPU of gateway, audit, retention, consent, simulator, broker and wire server per request settled "
                        + "(without the load driver, the identity provider and the console"
                        + (Suite.infrastructureInProcess() ? "; broker and wire server run inside the load driver "
                        + "here: use CONSENTFLOW_TEST_INFRA=processes" : "") + "; target <= 1.0 ms at 1,000 /s)");
        report.figure(prefix + "_cpu_ms_per_send_suite_beyond_idle",
                Math.round((suite - idleSuitePerSecond * wallMillis / 1_000) * 100 / settled) / 100.0, "ms",
                "the same without what the suite spends per second without load over the phase's " + wallMillis / 1_000
                        + " s: what each send itself costs (at 1,000 /s the idle share adds idle_cpu_ms_per_second_suite"
                        + " / 1,000 per send)");
        reportCompilers(report, prefix, millis);
        int cores = Runtime.getRuntime().availableProcessors();
        report.figure(prefix + "_cpu_busy", Math.round(100 * total / (wallMillis * (double) cores)), "%",
                "CPU used by all processes of the suite / (phase wall time x " + cores + " cores)");
        report.figure(prefix + "_suite_share_of_machine", Math.round(100 * suite / (wallMillis * (double) cores)), "%",
                "the suite's CPU (as in " + prefix + "_cpu_ms_per_send_suite) / (phase wall time x " + cores
                        + " cores): target <= 50 % at 1,000 sends/s");
    }

    /**
     * Per process, the share of its CPU in the window that its JIT compiler threads spent: with the full JIT
     * ({@code -Dbench.serviceJvm=BENCH_FULL_JIT}) a window is steady state only once C2 is done (under ~5 %),
     * otherwise its CPU per send measures the compiling.
     */
    private void reportCompilers(BenchReport report, String prefix, Map<String, Double> processMillis) {
        cpu.compilerMillisByProcess().forEach((process, compilerMillis) -> {
            double total = processMillis.getOrDefault(process, 0.0);
            report.figure(prefix + "_jit_share " + process, total <= 0 ? 0 : Math.round(1_000 * compilerMillis
                    / total) / 10.0, "%", "CPU of this process's C1/C2 compiler threads / its CPU in the window ("
                    + Math.round(compilerMillis) + " ms)");
        });
    }
}
