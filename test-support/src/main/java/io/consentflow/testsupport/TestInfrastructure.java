package io.consentflow.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
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
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    private static final String MONGO_IMAGE = "mongo:8.0";

    private static volatile TestInfrastructure instance;

    private final String kafkaBootstrapServers;
    private final String mongoUri;
    private final Mode mode;

    public enum Mode { EMBEDDED, CONTAINERS }

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

    static Mode chooseMode() {
        String forced = System.getenv().getOrDefault("CONSENTFLOW_TEST_INFRA",
                System.getProperty("consentflow.test.infra", "auto"));
        return switch (forced) {
            case "embedded" -> Mode.EMBEDDED;
            case "containers" -> Mode.CONTAINERS;
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
        return mode == Mode.CONTAINERS ? startContainers() : startEmbedded();
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
