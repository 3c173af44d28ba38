package io.consentflow.simulator.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The benchmark's thread groups for test-support's ThreadCpu: the simulator's threads and the harness's. */
final class SimulatorThreads {

    /** Thread name prefix → group; first match wins (Linux truncates names to 15 characters). */
    static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("bench-client", "harness: load client");
        GROUPS.put("bench-recv", "harness: webhook receiver");
        GROUPS.put("main", "harness: benchmark thread");
        GROUPS.put("JFR", "harness: JFR");
        GROUPS.put("webflux-http", "simulator: API server event loops (Cloud API requests)");
        GROUPS.put("reactor-http", "simulator: webhook client event loops");
        GROUPS.put("webhook-batch", "simulator: status batcher");
        GROUPS.put("parallel-", "simulator: reactor timers (status delays)");
        GROUPS.put("boundedElastic", "simulator: bounded elastic");
    }

    private SimulatorThreads() {
    }
}
