package io.consentflow.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The faults of one chaos run, in a fixed order with random gaps: simulator storms (429, 5xx before acceptance,
 * "accept, then 5xx"), SIGKILLed gateways restarted at once, the broker and the wire server restarted once each
 * keeping their data. A killed gateway serves again before the next one dies, and the run ends with everything up.
 */
final class ChaosMonkey {

    private final Suite suite;
    private final int kills;
    private final Random random;
    private final List<String> log = new ArrayList<>();

    ChaosMonkey(Suite suite, int kills, Random random) {
        this.suite = suite;
        this.kills = kills;
        this.random = random;
    }

    void run() {
        faults(Map.of("acceptThenErrorRate", 0.02), "accept-then-5xx 2 % of sends");
        pause();
        ServiceProcess restarting = null;
        for (int i = 0; i < kills; i++) {
            ServiceProcess victim = i % 2 == 0 ? suite.gateway2 : suite.gateway;
            if (restarting != null) {
                // the previous victim serves again before the next one dies: one gateway keeps the group alive
                restarting.awaitReady(Suite.READY.plusSeconds(60));
                pause();
            }
            victim.kill();
            log.add("SIGKILL " + victim.name());
            // restarted at once: the storms and the restarts below hit while it starts and its partitions move
            victim.start();
            restarting = victim;
            if (i == 0) {
                storm(Map.of("rateLimitStorm", true, "acceptThenErrorRate", 0.02), "429 storm");
                suite.infrastructure.restartBroker(Duration.ofSeconds(3));
                log.add("broker restarted");
            } else if (i == 1) {
                storm(Map.of("errorRate", 1.0, "errorCode", 131000, "acceptThenErrorRate", 0.02), "5xx storm");
                suite.infrastructure.restartMongo(Duration.ofSeconds(3));
                log.add("wire server restarted");
            }
        }
        if (kills < 2) {
            suite.infrastructure.restartBroker(Duration.ofSeconds(3));
            suite.infrastructure.restartMongo(Duration.ofSeconds(3));
            log.add("broker and wire server restarted");
        }
        if (restarting != null) {
            restarting.awaitReady(Suite.READY.plusSeconds(60));
        }
        Http.delete(suite.simulator.baseUrl() + "/sim/v1/faults");
        log.add("faults cleared");
    }

    private void storm(Map<String, Object> settings, String name) {
        faults(settings, name + " for 3 s");
        ServiceProcess.sleep(3_000);
        faults(Map.of("acceptThenErrorRate", 0.02), "storm over");
    }

    private void faults(Map<String, Object> settings, String name) {
        var response = Http.postJson(suite.simulator.baseUrl() + "/sim/v1/faults", settings, null);
        if (response.status() != 200) {
            throw new IllegalStateException("faults refused: " + response.body());
        }
        log.add(name);
    }

    private void pause() {
        ServiceProcess.sleep(1_000 + random.nextInt(2_000));
    }

    String log() {
        return String.join(", ", log);
    }
}
