package io.consentflow.e2e;

import io.consentflow.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole suite, once per test JVM: the shared real Kafka broker and MongoDB wire server, the WhatsApp simulator
 * and the four services as separate processes wired to each other exactly as run-local.sh wires them.
 */
final class Suite {

    static final String APP_SECRET = "local-app-secret";
    static final String PHONE_NUMBER_ID = "100000000000001";
    /** Short enough for the expiry journey, long enough for every other journey to confirm in time. */
    static final int OPT_IN_TTL_SECONDS = 20;

    private static Suite instance;

    final ServiceProcess simulator;
    final ServiceProcess consent;
    final ServiceProcess gateway;
    final ServiceProcess retention;
    final ServiceProcess audit;
    /** A second gateway instance (same group, same database), when the settings name {@link #SECOND_GATEWAY}. */
    final ServiceProcess gateway2;
    final TestInfrastructure infrastructure;

    /** The overrides key that asks for a second gateway instance; its value is that instance's extra environment. */
    static final String SECOND_GATEWAY = "messaging-gateway#2";
    /** The overrides key that leaves retention-service and audit-service out (their work is not under test). */
    static final String SEND_PATH_ONLY = "send-path-only";
    /** How long every service may take to become ready (a shared 2-core machine under load needs more). */
    static final Duration READY = Duration.ofSeconds(Long.getLong("e2e.ready.seconds", 150));

    private final Map<String, Map<String, String>> overrides;
    private final ServiceProcess.Jvm jvm;

    private Suite(Map<String, Map<String, String>> overrides, ServiceProcess.Jvm jvm) {
        this.overrides = Map.copyOf(overrides);
        this.jvm = jvm;
        infrastructure = TestInfrastructure.get();
        Path root = repositoryRoot();
        Path logs = root.resolve("e2e-tests/target/e2e-logs");
        int simulatorPort = freePort();
        int gatewayPort = freePort();
        int retentionPort = freePort();
        int auditPort = freePort();
        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        common.put("MONGODB_URI", infrastructure.mongoUri());
        common.put("LOG_FORMAT", "ecs");
        common.put("WHATSAPP_APP_SECRET", APP_SECRET);
        common.put("WHATSAPP_ACCESS_TOKEN", "local-access-token");
        common.put("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
        common.put("WHATSAPP_VERIFY_TOKEN", "local-verify-token");
        common.put("WHATSAPP_API_VERSION", "v23.0");
        common.put("WHATSAPP_API_BASE_URL", "http://localhost:" + simulatorPort);
        common.put("WHATSAPP_WEBHOOK_URL", "http://localhost:" + gatewayPort + "/webhooks/whatsapp");
        simulator = process(root, logs, "whatsapp-simulator", simulatorPort, common, jvm, "SIM_PORT");
        gateway = process(root, logs, "messaging-gateway", gatewayPort, common, jvm, "SERVER_PORT");
        consent = process(root, logs, "consent-service", freePort(), common, jvm, "SERVER_PORT");
        consent.environment().put("CONSENTFLOW_OPT_IN_TTL", OPT_IN_TTL_SECONDS + "s");
        consent.environment().put("CONSENTFLOW_CONSENT_EXPIRYSCANINTERVAL", "2s");
        // every journey's browser is 127.0.0.1: the per-address abuse guard would otherwise throttle the campaign set-up
        consent.environment().put("CONSENTFLOW_CONSENT_RATELIMIT_PERCLIENTADDRESS", "100000");
        // the Art. 15 export gathers what the other services hold about the subject
        consent.environment().put("GATEWAY_URL", "http://localhost:" + gatewayPort);
        consent.environment().put("RETENTION_URL", "http://localhost:" + retentionPort);
        consent.environment().put("AUDIT_URL", "http://localhost:" + auditPort);
        // journeys run at any hour: quiet hours (recipient's local night) would block their marketing sends
        gateway.environment().put("CONSENTFLOW_GATEWAY_GATE_QUIETFROM", "00:00");
        gateway.environment().put("CONSENTFLOW_GATEWAY_GATE_QUIETUNTIL", "00:00");
        // a request whose call met a crash or a 5xx is settled by its status webhook, else reported AMBIGUOUS after
        // this (10 minutes in production): the journeys wait minutes, not ten
        gateway.environment().put("CONSENTFLOW_GATEWAY_SEND_SETTLE_WITHIN", "20s");
        if (this.overrides.containsKey(SECOND_GATEWAY)) {
            gateway2 = process(root, logs, "messaging-gateway", freePort(), common, jvm, "SERVER_PORT", "-2");
            gateway2.environment().putAll(gateway.environment());
            gateway2.environment().put("SERVER_PORT", Integer.toString(gateway2.port()));
            gateway2.environment().putAll(this.overrides.getOrDefault("messaging-gateway", Map.of()));
            gateway2.environment().putAll(this.overrides.get(SECOND_GATEWAY));
        } else {
            gateway2 = null;
        }
        retention = process(root, logs, "retention-service", retentionPort, common, jvm, "SERVER_PORT");
        audit = process(root, logs, "audit-service", auditPort, common, jvm, "SERVER_PORT");
        for (ServiceProcess service : services()) {
            if (service != gateway2) {
                service.environment().putAll(this.overrides.getOrDefault(service.name(), Map.of()));
            }
        }
    }

    /** The suite as the journeys use it. */
    static Suite get() {
        return get(Map.of(), ServiceProcess.Jvm.JOURNEYS);
    }

    /**
     * The suite with extra environment per service (module name → variables), for the benchmark's documented
     * bench-only settings, and the services' JVM flags. One suite per JVM: asking for different settings than the
     * running suite has is a bug.
     */
    static synchronized Suite get(Map<String, Map<String, String>> overrides, ServiceProcess.Jvm jvm) {
        if (instance == null) {
            Suite suite = new Suite(overrides, jvm);
            // before starting: a service that fails to start must not leave the others running after the JVM
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll, "e2e-suite-shutdown"));
            try {
                suite.startAll();
            } catch (RuntimeException e) {
                suite.stopAll();
                throw e;
            }
            instance = suite;
        } else if (!instance.overrides.equals(overrides) || instance.jvm != jvm) {
            throw new IllegalStateException("the suite already runs with other settings: " + instance.overrides + " " + instance.jvm);
        }
        return instance;
    }

    List<ServiceProcess> services() {
        List<ServiceProcess> all = new java.util.ArrayList<>(List.of(simulator, consent, gateway));
        if (gateway2 != null) {
            all.add(gateway2);
        }
        if (!overrides.containsKey(SEND_PATH_ONLY)) {
            all.addAll(List.of(retention, audit));
        }
        return all;
    }

    private void startAll() {
        services().forEach(ServiceProcess::start);
        CompletableFuture.allOf(services().stream()
                .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY)))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** SIGTERM to all at once, then wait: sequential stops would outlast the test JVM's shutdown grace period. */
    private void stopAll() {
        services().forEach(ServiceProcess::signalStop);
        services().forEach(ServiceProcess::stop);
    }

    private static ServiceProcess process(Path root, Path logs, String module, int port, Map<String, String> common,
            ServiceProcess.Jvm jvm, String portVariable) {
        return process(root, logs, module, port, common, jvm, portVariable, "");
    }

    private static ServiceProcess process(Path root, Path logs, String module, int port, Map<String, String> common,
            ServiceProcess.Jvm jvm, String portVariable, String instance) {
        Map<String, String> environment = new HashMap<>(common);
        environment.put(portVariable, Integer.toString(port));
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version() + ".jar");
        return new ServiceProcess(module + instance, jar, port, environment, logs, jvm);
    }

    private static String version() {
        return System.getProperty("consentflow.version", "0.1.0-SNAPSHOT");
    }

    /** True when the broker and the Mongo wire server live in this JVM (embedded), not in their own processes. */
    static boolean infrastructureInProcess() {
        return TestInfrastructure.get().mode() == TestInfrastructure.Mode.EMBEDDED;
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("schemas"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the journeys inside the ConsentFlow repository");
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
