package io.consentflow.e2e;

import io.consentflow.proof.Timestamps;
import io.consentflow.proof.tsa.LocalTimestampAuthority;
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

    /** The command-line client of local-auth-server (client credentials, one role as scope). */
    private static final String TOKEN_CLIENT = "local-cli:local-cli-secret";
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
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private Suite(Map<String, Map<String, String>> overrides, ServiceProcess.Jvm jvm) {
        this(overrides, jvm, null, "e2e-logs");
    }

    /** {@code kafka} null: the shared broker of {@link TestInfrastructure}. */
    private Suite(Map<String, Map<String, String>> overrides, ServiceProcess.Jvm jvm, String kafka, String logFolder) {
        this.overrides = Map.copyOf(overrides);
        this.jvm = jvm;
        infrastructure = TestInfrastructure.get();
        kafkaBootstrapServers = kafka != null ? kafka : infrastructure.kafkaBootstrapServers();
        Path root = repositoryRoot();
        logs = buildDirectory().resolve(logFolder);
        int simulatorPort = freePort();
        int gatewayPort = freePort();
        int retentionPort = freePort();
        int auditPort = freePort();
        int authPort = freePort();
        int consolePort = freePort();
        String issuer = "http://localhost:" + authPort;
        authServer = process(root, logs, "local-auth-server", authPort, Map.of(), jvm, "SERVER_PORT");
        authServer.environment().put("CONSENTFLOW_AUTH_ISSUER", issuer);
        authServer.environment().put("CONSENTFLOW_CONSOLE_URL", "http://localhost:" + consolePort);
        Map<String, String> common = new HashMap<>();
        common.put("CONSENTFLOW_JWT_ISSUER", issuer);
        common.put("CONSENTFLOW_JWT_JWK_SET_URI", issuer + "/oauth2/jwks");
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        common.put("MONGODB_URI", infrastructure.mongoUri());
        common.put("LOG_FORMAT", "ecs");
        common.put("WHATSAPP_APP_SECRET", APP_SECRET);
        common.put("WHATSAPP_ACCESS_TOKEN", "local-access-token");
        common.put("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
        common.put("WHATSAPP_VERIFY_TOKEN", "local-verify-token");
        common.put("WHATSAPP_API_VERSION", "v23.0");
        common.put("WHATSAPP_API_BASE_URL", "http://localhost:" + simulatorPort);
        common.put("WHATSAPP_WEBHOOK_URL", "http://localhost:" + gatewayPort + "/webhooks/whatsapp");
        tsa = LocalTimestampAuthority.start("127.0.0.1", 0, null);
        Path anchoring = buildDirectory().resolve("e2e-anchoring-" + ProcessHandle.current().pid());
        witness = anchoring.resolve("witness");
        tsaCertificate = anchoring.resolve("tsa-cert.pem");
        try {
            Files.createDirectories(witness);
            Files.writeString(tsaCertificate, Timestamps.pem(tsa.certificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        common.put("AUDIT_TSA_URL", tsa.url());
        common.put("AUDIT_TSA_CERTIFICATE", tsaCertificate.toString());
        common.put("AUDIT_WITNESS_FOLDER", witness.toString());
        common.put("CONSENTFLOW_PROOF_TSA_CERTIFICATE", tsaCertificate.toString());
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
        console = process(root, logs, "staff-console", consolePort, Map.of(), jvm, "SERVER_PORT");
        console.environment().put("CONSENTFLOW_AUTH_ISSUER", issuer);
        console.environment().put("CONSENT_URL", consent.baseUrl());
        console.environment().put("GATEWAY_URL", "http://localhost:" + gatewayPort);
        console.environment().put("RETENTION_URL", "http://localhost:" + retentionPort);
        console.environment().put("AUDIT_URL", "http://localhost:" + auditPort);
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

    /**
     * A suite of the caller's own next to the shared one: its own processes on its own broker ({@code kafka}), each
     * service in databases named with {@code name} on the shared MongoDB wire server, logs in
     * {@code target/e2e-logs-<name>}. The caller stops it with {@link #close()}.
     */
    static Suite standalone(String kafka, String name, Map<String, Map<String, String>> overrides) {
        Map<String, Map<String, String>> all = new HashMap<>();
        Map<String, String> databases = Map.of("consent-service", "consent", "messaging-gateway", "gateway",
                "retention-service", "retention", "audit-service", "audit");
        databases.forEach((service, database) -> {
            Map<String, String> env = new HashMap<>(overrides.getOrDefault(service, Map.of()));
            env.putIfAbsent("MONGODB_DATABASE", database + "_" + name);
            all.put(service, env);
        });
        // relaxed binding of consentflow.consent.key-ring.database and consentflow.audit.salt-database
        all.get("consent-service").putIfAbsent("CONSENTFLOW_CONSENT_KEYRING_DATABASE", "consent_keys_" + name);
        all.get("audit-service").putIfAbsent("CONSENTFLOW_AUDIT_SALTDATABASE", "audit_keys_" + name);
        overrides.forEach((service, env) -> all.computeIfAbsent(service, s -> new HashMap<>(env)));
        Suite suite = new Suite(all, ServiceProcess.Jvm.JOURNEYS, kafka, "e2e-logs-" + name);
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll, "e2e-suite-" + name + "-shutdown"));
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
        List<ServiceProcess> all = new java.util.ArrayList<>(List.of(simulator, consent, gateway));
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
        List<ServiceProcess> all = new java.util.ArrayList<>(List.of(authServer, simulator, consent, gateway));
        if (gateway2 != null) {
            all.add(gateway2);
        }
        if (!overrides.containsKey(SEND_PATH_ONLY)) {
            all.addAll(List.of(retention, audit));
            if (!overrides.containsKey(WITHOUT_CONSOLE)) {
                all.add(console);
            }
        }
        return all;
    }

    /**
     * A staff access token with exactly this role from the identity provider (its command-line client, as
     * {@code ./run-local.sh token ROLE} gets one); kept for half of its hour.
     */
    String staffToken(String role) {
        String cached = tokens.get(role);
        if (cached != null && Long.parseLong(cached.substring(0, cached.indexOf(' '))) > System.currentTimeMillis()) {
            return cached.substring(cached.indexOf(' ') + 1);
        }
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(authServer.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        TOKEN_CLIENT.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + role))
                .build();
        Http.Response answer = Http.send(request);
        if (answer.status() != 200) {
            throw new IllegalStateException("no token for " + role + ": " + answer.status() + " " + answer.body());
        }
        String token = answer.json().path("access_token").asString();
        tokens.put(role, (System.currentTimeMillis() + Duration.ofMinutes(30).toMillis()) + " " + token);
        return token;
    }

    private void startAll() {
        // the console last, once the identity provider is ready: it reads its discovery document when it starts; the
        // services fetch its keys only when a token arrives, so they start beside it (the provider's own start no
        // longer delays every suite's)
        boolean consoleRuns = processes().contains(console);
        List<ServiceProcess> first = processes().stream().filter(p -> !consoleRuns || p != console).toList();
        first.forEach(ServiceProcess::start);
        List<CompletableFuture<Void>> ready = new java.util.ArrayList<>(first.stream()
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
        Path root = repositoryRoot();
        Map<String, String> environment = new HashMap<>(of.environment());
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.putAll(changes);
        Path jar = root.resolve(of.name()).resolve("target").resolve(of.name() + "-" + version() + ".jar");
        return new ServiceProcess(name, jar, port, environment, buildDirectory().resolve("e2e-logs"), jvm);
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
