package io.consentflow.e2e;

import io.consentflow.proof.tsa.LocalTimestampAuthority;
import io.consentflow.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole suite, once per test JVM: the shared real Kafka broker and MongoDB wire server, the local identity
 * provider (local-auth-server), the WhatsApp simulator, the four services and the staff console as separate
 * processes wired to each other exactly as run-local.sh wires them. The services verify staff tokens against the
 * identity provider's issuer and JWK set, as in production; journeys get theirs with {@link #staffToken(String)}.
 */
final class Suite {

    static final String APP_SECRET = "local-app-secret";
    static final String PHONE_NUMBER_ID = "100000000000001";
    /** Short enough for the expiry journey, long enough for every other journey to confirm in time. */
    static final int OPT_IN_TTL_SECONDS = 20;

    private static Suite instance;

    /** The documented local password of every staff user of local-auth-server. */
    static final String STAFF_PASSWORD = "local-staff-password";

    final ServiceProcess authServer;
    final ServiceProcess console;
    final ServiceProcess simulator;
    final ServiceProcess consent;
    final ServiceProcess gateway;
    final ServiceProcess retention;
    final ServiceProcess audit;
    /** A second gateway instance (same group, same database), when the settings name {@link #SECOND_GATEWAY}. */
    final ServiceProcess gateway2;
    final TestInfrastructure infrastructure;
    /** audit-service time-stamps every checkpoint here and delivers its head to {@link #witness}, as on run-local. */
    final LocalTimestampAuthority tsa;
    final Path tsaCertificate;
    final Path witness;

    /** The overrides key that asks for a second gateway instance; its value is that instance's extra environment. */
    static final String SECOND_GATEWAY = "messaging-gateway#2";
    /** The overrides key that leaves retention-service and audit-service out (their work is not under test). */
    static final String SEND_PATH_ONLY = "send-path-only";
    /** The overrides key that leaves the staff console out (a stack whose test signs nobody in to it). */
    static final String WITHOUT_CONSOLE = "without-console";
    /** How long every service may take to become ready (a shared 2-core machine under load needs more). */
    static final Duration READY = Duration.ofSeconds(Long.getLong("e2e.ready.seconds", 150));

    private final Map<String, Map<String, String>> overrides;
    private final ServiceProcess.Jvm jvm;
    private final String kafkaBootstrapServers;
    private final Path logs;
    private final StaffTokens staffTokens;

    private Suite(Map<String, Map<String, String>> overrides, ServiceProcess.Jvm jvm) {
        this(overrides, jvm, null, "e2e-logs");
    }

    /** {@code kafka} null: the shared broker of {@link TestInfrastructure}. */
    private Suite(Map<String, Map<String, String>> overrides, ServiceProcess.Jvm jvm, String kafka, String logFolder) {
        this.overrides = Map.copyOf(overrides);
        this.jvm = jvm;
        infrastructure = TestInfrastructure.get();
        kafkaBootstrapServers = kafka != null ? kafka : infrastructure.kafkaBootstrapServers();
        logs = buildDirectory().resolve(logFolder);
        SuiteEnvironment.Ports ports = SuiteEnvironment.Ports.free();
        authServer = process(logs, "local-auth-server", ports.auth(), Map.of(), jvm, "SERVER_PORT");
        SuiteEnvironment.authServer(authServer.environment(), ports);
        staffTokens = new StaffTokens(authServer);
        Anchoring anchoring = Anchoring.start(buildDirectory().resolve("e2e-anchoring-" + ProcessHandle.current().pid()));
        tsa = anchoring.tsa();
        tsaCertificate = anchoring.certificate();
        witness = anchoring.witness();
        Map<String, String> common = SuiteEnvironment.common(ports, kafkaBootstrapServers, infrastructure.mongoUri(),
                anchoring);
        simulator = process(logs, "whatsapp-simulator", ports.simulator(), common, jvm, "SIM_PORT");
        gateway = process(logs, "messaging-gateway", ports.gateway(), common, jvm, "SERVER_PORT");
        SuiteEnvironment.gateway(gateway.environment());
        consent = process(logs, "consent-service", freePort(), common, jvm, "SERVER_PORT");
        SuiteEnvironment.consent(consent.environment(), ports);
        if (this.overrides.containsKey(SECOND_GATEWAY)) {
            gateway2 = process(logs, "messaging-gateway", freePort(), common, jvm, "SERVER_PORT", "-2");
            gateway2.environment().putAll(gateway.environment());
            gateway2.environment().put("SERVER_PORT", Integer.toString(gateway2.port()));
            gateway2.environment().putAll(this.overrides.getOrDefault("messaging-gateway", Map.of()));
            gateway2.environment().putAll(this.overrides.get(SECOND_GATEWAY));
        } else {
            gateway2 = null;
        }
        retention = process(logs, "retention-service", ports.retention(), common, jvm, "SERVER_PORT");
        audit = process(logs, "audit-service", ports.audit(), common, jvm, "SERVER_PORT");
        console = process(logs, "staff-console", ports.console(), Map.of(), jvm, "SERVER_PORT");
        SuiteEnvironment.console(console.environment(), ports, consent.baseUrl());
        for (ServiceProcess service : services()) {
            if (service != gateway2) {
                service.environment().putAll(this.overrides.getOrDefault(service.name(), Map.of()));
            }
        }
    }

    /** The suite already running in this JVM, whatever its settings (for helpers that need its tokens). */
    static synchronized Suite current() {
        if (instance == null) {
            throw new IllegalStateException("the suite is not started yet");
        }
        return instance;
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
            instance = started(new Suite(overrides, jvm), "e2e-suite-shutdown");
        } else if (!instance.overrides.equals(overrides) || instance.jvm != jvm) {
            throw new IllegalStateException("the suite already runs with other settings: " + instance.overrides + " " + instance.jvm);
        }
        return instance;
    }

    /**
     * A suite of the caller's own next to the shared one: its own processes on its own broker ({@code kafka}), each
     * service in databases named with {@code name} on the shared MongoDB wire server, logs in
     * {@code target/e2e-logs-<name>}. The caller stops it with {@link #close()}.
     */
    static Suite standalone(String kafka, String name, Map<String, Map<String, String>> overrides) {
        Map<String, Map<String, String>> all = SuiteEnvironment.ownDatabases(name, overrides);
        return started(new Suite(all, ServiceProcess.Jvm.JOURNEYS, kafka, "e2e-logs-" + name),
                "e2e-suite-" + name + "-shutdown");
    }

    /** Started, or stopped again if any process fails to start; stopped too when the JVM ends (the hook is first). */
    private static Suite started(Suite suite, String shutdownHook) {
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll, shutdownHook));
        try {
            suite.startAll();
        } catch (RuntimeException e) {
            suite.stopAll();
            throw e;
        }
        return suite;
    }

    /** Stops a {@link #standalone} suite. */
    void close() {
        stopAll();
    }

    String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The folder of the services' logs ({@code <service>.log}). */
    Path logs() {
        return logs;
    }

    List<ServiceProcess> services() {
        List<ServiceProcess> all = new ArrayList<>(List.of(simulator, consent, gateway));
        if (gateway2 != null) {
            all.add(gateway2);
        }
        if (!overrides.containsKey(SEND_PATH_ONLY)) {
            all.addAll(List.of(retention, audit));
        }
        return all;
    }

    /**
     * The processes this suite runs: a send-path-only suite (the chaos suite) leaves out retention-service,
     * audit-service and the console, whose work is not under test, a suite without console (the erasure scan's) the
     * console, and a second gateway starts with the others.
     */
    private List<ServiceProcess> processes() {
        List<ServiceProcess> all = new ArrayList<>(List.of(authServer));
        all.addAll(services());
        if (!overrides.containsKey(SEND_PATH_ONLY) && !overrides.containsKey(WITHOUT_CONSOLE)) {
            all.add(console);
        }
        return all;
    }

    /**
     * A staff access token with exactly this role from the identity provider (its command-line client, as
     * {@code ./run-local.sh token ROLE} gets one); kept for half of its hour.
     */
    String staffToken(String role) {
        return staffTokens.token(role);
    }

    private void startAll() {
        // the console last, once the identity provider is ready: it reads its discovery document when it starts; the
        // services fetch its keys only when a token arrives, so they start beside it (the provider's own start no
        // longer delays every suite's)
        boolean consoleRuns = processes().contains(console);
        List<ServiceProcess> first = processes().stream().filter(p -> !consoleRuns || p != console).toList();
        first.forEach(ServiceProcess::start);
        List<CompletableFuture<Void>> ready = new ArrayList<>(first.stream()
                .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(READY))).toList());
        if (consoleRuns) {
            authServer.awaitReady(READY);
            console.start();
            ready.add(CompletableFuture.runAsync(() -> console.awaitReady(READY)));
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
    }

    /** SIGTERM to all at once, then wait: sequential stops would outlast the test JVM's shutdown grace period. */
    private void stopAll() {
        processes().forEach(ServiceProcess::signalStop);
        processes().forEach(ServiceProcess::stop);
    }

    /**
     * A further instance of a service's jar, with the suite's environment for it and the given changes, on its own
     * port and log ({@code name}.log): e.g. a second gateway. The caller starts and stops it.
     */
    ServiceProcess anotherInstance(ServiceProcess of, String name, int port, Map<String, String> changes) {
        Map<String, String> environment = new HashMap<>(of.environment());
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.putAll(changes);
        return new ServiceProcess(name, ServiceJars.packaged(of.name()), port, environment,
                buildDirectory().resolve("e2e-logs"), jvm);
    }

    private static ServiceProcess process(Path logs, String module, int port, Map<String, String> common,
            ServiceProcess.Jvm jvm, String portVariable) {
        return process(logs, module, port, common, jvm, portVariable, "");
    }

    private static ServiceProcess process(Path logs, String module, int port, Map<String, String> common,
            ServiceProcess.Jvm jvm, String portVariable, String instance) {
        Map<String, String> environment = new HashMap<>(common);
        environment.put(portVariable, Integer.toString(port));
        return new ServiceProcess(module + instance, ServiceJars.packaged(module), port, environment, logs, jvm);
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

    /**
     * The build directory of the module whose tests run ({@code consentflow.build.directory}, set by its failsafe or
     * surefire configuration; else {@code target} under the working directory, which Maven sets to the module): logs,
     * extracted jars and anchoring files of e2e-tests and e2e-standalone stay apart, since Maven builds the two side by
     * side.
     */
    static Path buildDirectory() {
        String configured = System.getProperty("consentflow.build.directory");
        return (configured != null ? Path.of(configured) : Path.of("target")).toAbsolutePath();
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
