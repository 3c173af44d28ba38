package io.consentflow.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the suite, run from its jar (extracted, {@link ServiceJars}) as a separate JVM, the way it runs in
 * production.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private final Jvm jvm;
    /** The jar this service starts from ({@link ServiceJars}): extracted while the suite's infrastructure starts. */
    private final java.util.concurrent.CompletableFuture<Path> launchJar;
    private Process process;
    private Instant startedAt;
    /** The start whose readiness was printed: a second wait for the same start prints nothing. */
    private Instant reported;
    /** When SIGTERM was sent ({@link #signalStop}), so a stop's printed time counts from it. */
    private Instant signalled;

    /** How the service's JVM runs. */
    enum Jvm {
        /**
         * Journeys: quick start on a shared 2-core machine (C1 only, and the class path's bytecode not verified: a
         * fifth less CPU to start; the production image verifies), at the price of slower code.
         */
        JOURNEYS(List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote")),
        /**
         * Benchmarks: as the production image runs under its Kubernetes limit (768Mi, 1 CPU): heap 75 % of the limit
         * (the image's MaxRAMPercentage), the serial collector the JVM picks for one CPU, and the full JIT.
         */
        PRODUCTION(List.of("-Xmx576m", "-XX:+UseSerialGC", "-Xss512k")),
        /**
         * The end-to-end benchmark: the journeys' quick start (C1 only: a run of minutes cannot earn back C2's
         * compiling) in the production heap, half of it young, objects that survive two young collections promoted,
         * collected by two threads. With the journeys' 320 MB the gateway's survivor space overflowed with the
         * requests in flight (old generation +100 MB a minute, towards a full collection); with one collector thread
         * on a machine where twenty threads want the two cores, the simulator's young pauses lasted 163-566 ms, and
         * every STOP webhook that arrived meanwhile waited.
         */
        BENCH(List.of("-Xmx576m", "-Xmn288m", "-XX:MaxTenuringThreshold=2", "-XX:+UseParallelGC",
                "-XX:ParallelGCThreads=2", "-XX:TieredStopAtLevel=1", "-Xss512k")),
        /**
         * BENCH's heap and collector with the full JIT (C1 then C2), the compiler production runs: its steady state
         * after a warm-up long enough for the compiles ({@code -Dbench.warmUp}), beside BENCH's C1-only figures.
         */
        BENCH_FULL_JIT(BENCH.flags.stream().filter(flag -> !flag.startsWith("-XX:TieredStopAtLevel")).toList());

        private final List<String> flags;

        Jvm(List<String> flags) {
            this.flags = flags;
        }

        List<String> flags() {
            return flags;
        }
    }

    ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path logDirectory, Jvm jvm) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = new java.util.HashMap<>(environment);
        this.log = logDirectory.resolve(name + ".log");
        this.jvm = jvm;
        this.launchJar = ServiceJars.launchJar(jar);
    }

    String name() {
        return name;
    }

    /** The process environment; changes apply from the next start. */
    Map<String, String> environment() {
        return environment;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    synchronized void start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw verify` from the repository root so "
                    + name + " is packaged before the journeys");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(jvm.flags);
        command.addAll(flightRecording());
        command.addAll(List.of("-jar", launchJar.join().toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
            startedAt = Instant.now();
            signalled = null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /**
     * {@code -Dbench.jfr=messaging-gateway,audit-service}: those services run with a JFR recording (the profile
     * settings), written to {@code target/jfr/} when the process exits gracefully; off by default, since sampling
     * costs CPU the benchmark would count.
     */
    private List<String> flightRecording() {
        List<String> profiled = List.of(System.getProperty("bench.jfr", "").split(","));
        if (!profiled.contains(name)) {
            return List.of();
        }
        Path recording = log.getParent().resolveSibling("jfr").resolve(name + "-" + System.currentTimeMillis() + ".jfr");
        try {
            Files.createDirectories(recording.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + recording.getParent(), e);
        }
        return List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
    }

    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    printStart();
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    /** Where a start's time goes: its wall time to ready, and its CPU (less sensitive to the machine's load). */
    private synchronized void printStart() {
        if (startedAt.equals(reported)) {
            return;
        }
        reported = startedAt;
        Duration wall = Duration.between(startedAt, Instant.now());
        String cpu = process.info().totalCpuDuration().map(d -> String.format("%.1f s", d.toMillis() / 1000.0))
                .orElse("unknown");
        System.out.printf("[e2e] %s ready after %.1f s, CPU %s (from %s)%n", name, wall.toMillis() / 1000.0, cpu,
                launchJar.join().equals(jar) ? "its packaged jar" : "its extracted jar");
    }

    /** Sends SIGTERM without waiting. */
    synchronized void signalStop() {
        if (process != null) {
            process.destroy();
            signalled = Instant.now();
        }
    }

    /** SIGTERM, as Kubernetes does on a rollout; SIGKILL only if it does not stop in time. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        Instant asked = signalled != null ? signalled : Instant.now();
        signalled = null;
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                System.out.printf("[e2e] %s did not stop within 15 s of SIGTERM: killed%n", name);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } else {
                System.out.printf("[e2e] %s stopped %.1f s after SIGTERM%n", name,
                        Duration.between(asked, Instant.now()).toMillis() / 1000.0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Abrupt death mid-work (OOM kill, node loss). */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
