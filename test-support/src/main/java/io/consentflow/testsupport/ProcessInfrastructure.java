package io.consentflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.Uuid;

/**
 * {@code CONSENTFLOW_TEST_INFRA=processes}: the same real KRaft broker and mongo-java-server wire server as the
 * embedded mode, each in its own child JVM ({@link KafkaServerProcess}, {@link WireServerProcess}), so a benchmark's
 * heap and GC pauses are those of the service under test alone. Everything lives in one temp folder (config, Kafka
 * logs, the children's output), removed on {@link #close()}; a shutdown hook closes, and the children halt by
 * themselves when this JVM dies without it ({@link ParentWatchdog}).
 */
final class ProcessInfrastructure implements AutoCloseable {

    /**
     * How long a child may take to serve. A broker restarted under the chaos suite's full size at load average ~100
     * took longer than 60 s (its controller events took 3-6 s each); nothing is timed by this, it only gives up.
     */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final List<String> KAFKA_JVM = List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC");
    /**
     * The wire server keeps every document on its heap, so each young collection copies what was stored since the
     * last one. Promoting at the first collection (tenuring 0) into a heap fixed at 4 GB (no full collections while
     * the old generation grows) keeps its pauses to one copy per document: with the defaults they held commands up
     * to 1.7 s and the benchmarks measured the stand-in's collector, not the service. A real MongoDB has no such
     * pauses. The heap is touched once at start (about a second): otherwise the kernel zeroes each page the first
     * time a document lands on it, 8 % of the stand-in's CPU in a profile of a benchmark round, a cost a long-running
     * database has long paid.
     */
    private static final List<String> MONGO_JVM = List.of("-Xms4g", "-Xmx4g", "-Xmn768m", "-XX:+UseParallelGC",
            "-XX:MaxTenuringThreshold=0", "-XX:+AlwaysPreTouch");

    private final Path workDir;
    private volatile ChildJvm kafka;
    private volatile ChildJvm mongo;
    private final String kafkaBootstrapServers;
    private final int brokerPort;
    /** The wire server's store file (null: in memory, a restart loses the data). */
    private final Path mongoFile;
    private final Thread shutdownHook = new Thread(this::close, "test-processes-shutdown");
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String mongoUri;

    private ProcessInfrastructure(Path workDir, ChildJvm kafka, ChildJvm mongo, String kafkaBootstrapServers,
            int brokerPort, Path mongoFile) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.mongo = mongo;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.brokerPort = brokerPort;
        this.mongoFile = mongoFile;
    }

    /** Starts both children side by side and returns once both serve; throws with the failing child's log tail. */
    static ProcessInfrastructure start() {
        return start(false);
    }

    /**
     * @param durable the wire server keeps its data in a file (H2 MVStore), so {@link #restartWireServer} keeps it;
     *                the broker's log directory survives {@link #restartBroker} in either case
     */
    static ProcessInfrastructure start(boolean durable) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Path workDir = createWorkDir();
        int brokerPort = freePort();
        int controllerPort = freePort();
        while (controllerPort == brokerPort) {
            controllerPort = freePort();
        }
        String bootstrap = "127.0.0.1:" + brokerPort;
        Path config = workDir.resolve("server.properties");
        write(config, KafkaServerProcess.config(brokerPort, controllerPort, workDir.resolve("kafka-data")));
        Path mongoFile = durable ? workDir.resolve("mongo-data").resolve("wire-server.mv") : null;
        createParent(mongoFile);
        ChildJvm mongo = launchWireServer(workDir, "0", mongoFile);
        ChildJvm kafka;
        try {
            kafka = ChildJvm.launch("kafka", workDir, KAFKA_JVM, KafkaServerProcess.class,
                    config.toString(), Uuid.randomUuid().toString());
        } catch (RuntimeException e) {
            mongo.requestStop();
            throw e;
        }
        var infra = new ProcessInfrastructure(workDir, kafka, mongo, bootstrap, brokerPort, mongoFile);
        Runtime.getRuntime().addShutdownHook(infra.shutdownHook);
        try {
            String ready = mongo.awaitLine(WireServerProcess.READY_MARKER, deadline);
            String port = ready.substring(ready.indexOf(WireServerProcess.READY_MARKER)
                    + WireServerProcess.READY_MARKER.length()).trim();
            infra.mongoUri = "mongodb://127.0.0.1:" + port;
            KafkaServerProcess.awaitServing(kafka, brokerPort, bootstrap, deadline);
            return infra;
        } catch (RuntimeException e) {
            infra.close();
            throw e;
        }
    }

    private static ChildJvm launchWireServer(Path workDir, String port, Path file) {
        return file == null ? ChildJvm.launch("mongo", workDir, MONGO_JVM, WireServerProcess.class, port)
                : ChildJvm.launch("mongo", workDir, MONGO_JVM, WireServerProcess.class, port, file.toString());
    }

    private static void createParent(Path file) {
        if (file != null) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + file.getParent(), e);
            }
        }
    }

    /**
     * Stops the broker (SIGTERM: a controlled shutdown that flushes its logs; SIGKILL after the grace period), keeps
     * it down for {@code downtime}, then starts it again on the same ports and log directory; returns once it serves.
     * Clients reconnect by themselves: the bootstrap address does not change.
     */
    synchronized void restartBroker(Duration downtime) {
        kafka.requestGracefulStop();
        kafka.awaitStopped(Duration.ofSeconds(30));
        sleep(downtime);
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        kafka = ChildJvm.launch("kafka", workDir, KAFKA_JVM, KafkaServerProcess.class,
                workDir.resolve("server.properties").toString(), Uuid.randomUuid().toString());
        KafkaServerProcess.awaitServing(kafka, brokerPort, kafkaBootstrapServers, deadline);
    }

    /**
     * Stops the wire server gracefully (SIGTERM: it stops listening, then its store commits and closes the file; a
     * kill would lose the last acknowledged writes), keeps it down for {@code downtime}, then starts it again on the
     * same port and file; returns once it accepts connections. Only with a durable wire server: an in-memory one
     * would come back empty.
     */
    synchronized void restartWireServer(Duration downtime) {
        if (mongoFile == null) {
            throw new IllegalStateException("the wire server is in memory: start the infrastructure durable"
                    + " (CONSENTFLOW_TEST_INFRA_DURABLE=true) to restart it keeping its data");
        }
        String port = mongoUri.substring(mongoUri.lastIndexOf(':') + 1);
        mongo.requestGracefulStop();
        mongo.awaitStopped(Duration.ofSeconds(60));
        sleep(downtime);
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        mongo = launchWireServer(workDir, port, mongoFile);
        mongo.awaitLine(WireServerProcess.READY_MARKER, deadline);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the infrastructure was down", e);
        }
    }

    String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    String mongoUri() {
        return mongoUri;
    }

    List<ProcessHandle> processes() {
        return List.of(kafka.handle(), mongo.handle());
    }

    Path workDir() {
        return workDir;
    }

    /** SIGTERM to both, a few seconds' grace, then SIGKILL; then the temp folder goes. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
        kafka.requestStop();
        mongo.requestStop();
        kafka.awaitStopped(STOP_GRACE);
        mongo.awaitStopped(STOP_GRACE);
        ChildJvm.deleteQuietly(workDir);
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("consentflow-test-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test infrastructure folder", e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A port free now; the broker binds it a second later, so a clash is possible but unlikely on a test machine. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
