package io.consentflow.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * One real Kafka broker and one MongoDB endpoint per test JVM, shared by every test class of a module. Without Docker:
 * spring-kafka-test's embedded KRaft broker and the mongo-java-server wire server, in this JVM. With Docker (or
 * {@code CONSENTFLOW_TEST_INFRA=containers}): Testcontainers Kafka and a MongoDB replica set. The same test classes
 * run on both; {@code CONSENTFLOW_TEST_INFRA=embedded} forces the in-JVM pair.
 * {@code CONSENTFLOW_TEST_INFRA=processes} runs that same pair (a real KRaft broker, the in-memory wire server) each
 * in its own child JVM, so benchmarks measure the service without the broker's and the Mongo server's heaps and GC
 * pauses; see {@link ProcessInfrastructure}. The system property {@code consentflow.test.infra} works like the
 * variable when the variable is unset.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    private static final String MONGO_IMAGE = "mongo:8.0";

    private static volatile TestInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final String mongoUri;
    private final Mode mode;
    /** Set in PROCESSES mode only: what restarts the broker and the wire server. */
    private volatile ProcessInfrastructure processes;

    public enum Mode { EMBEDDED, CONTAINERS, PROCESSES }

    private TestInfrastructure(String kafkaBootstrapServers, String mongoUri, Mode mode) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoUri = mongoUri;
        this.mode = mode;
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    instance = start(chooseMode());
                }
            }
        }
        return instance;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** A MongoDB connection string without a database: each service names its own. */
    public String mongoUri() {
        return mongoUri;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Restarts the broker keeping its log directory (and so every topic, record and committed offset), down for
     * {@code downtime}; only in {@code CONSENTFLOW_TEST_INFRA=processes} mode. Returns once it serves again.
     */
    public void restartBroker(Duration downtime) {
        requireProcesses().restartBroker(downtime);
    }

    /**
     * Restarts the MongoDB wire server keeping its data, down for {@code downtime}: processes mode with
     * {@code CONSENTFLOW_TEST_INFRA_DURABLE=true} (the H2-file-backed wire server, stopped gracefully).
     */
    public void restartMongo(Duration downtime) {
        requireProcesses().restartWireServer(downtime);
    }

    private ProcessInfrastructure requireProcesses() {
        if (processes == null) {
            throw new IllegalStateException("restarts need CONSENTFLOW_TEST_INFRA=processes (now " + mode + ")");
        }
        return processes;
    }

    static boolean durable() {
        return Boolean.parseBoolean(System.getenv().getOrDefault("CONSENTFLOW_TEST_INFRA_DURABLE",
                System.getProperty("consentflow.test.infra.durable", "false")));
    }

    static Mode chooseMode() {
        return modeFor(System.getenv().getOrDefault("CONSENTFLOW_TEST_INFRA",
                System.getProperty("consentflow.test.infra", "auto")));
    }

    static Mode modeFor(String forced) {
        return switch (forced) {
            case "embedded" -> Mode.EMBEDDED;
            case "containers" -> Mode.CONTAINERS;
            case "processes" -> Mode.PROCESSES;
            default -> dockerAvailable() ? Mode.CONTAINERS : Mode.EMBEDDED;
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static TestInfrastructure start(Mode mode) {
        log.info("starting test infrastructure: {}", mode);
        return switch (mode) {
            case CONTAINERS -> startContainers();
            case PROCESSES -> startProcesses();
            case EMBEDDED -> startEmbedded();
        };
    }

    /** The children stop in the shutdown hook {@link ProcessInfrastructure#start()} registers. */
    private static TestInfrastructure startProcesses() {
        long started = System.nanoTime();
        var processes = ProcessInfrastructure.start(durable());
        log.info("test infrastructure processes ready in {} ms (kafka {}, mongo {}, folder {}, durable {})",
                (System.nanoTime() - started) / 1_000_000, processes.kafkaBootstrapServers(), processes.mongoUri(),
                processes.workDir(), durable());
        var infrastructure = new TestInfrastructure(processes.kafkaBootstrapServers(), processes.mongoUri(),
                Mode.PROCESSES);
        infrastructure.processes = processes;
        return infrastructure;
    }

    private static TestInfrastructure startEmbedded() {
        var broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.brokerProperty("log.cleaner.backoff.ms", "1000");
        broker.afterPropertiesSet();
        var mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.shutdownNow();
            broker.destroy();
        }, "test-infrastructure-shutdown"));
        return new TestInfrastructure(broker.getBrokersAsString(),
                "mongodb://" + address.getHostString() + ":" + address.getPort(), Mode.EMBEDDED);
    }

    @SuppressWarnings("resource")
    private static TestInfrastructure startContainers() {
        var kafka = new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        var mongo = new MongoDBContainer(MONGO_IMAGE).withReplicaSet();
        kafka.start();
        mongo.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.stop();
            kafka.stop();
        }, "test-containers-shutdown"));
        String uri = mongo.getReplicaSetUrl();
        return new TestInfrastructure(kafka.getBootstrapServers(), uri.substring(0, uri.lastIndexOf('/')),
                Mode.CONTAINERS);
    }
}
