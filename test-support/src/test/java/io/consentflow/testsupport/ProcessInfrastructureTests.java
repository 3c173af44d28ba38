package io.consentflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The {@code processes} infrastructure, started through its own factory (not {@link TestInfrastructure#get()}), so it
 * never becomes the shared instance of this JVM.
 */
class ProcessInfrastructureTests {

    @Test
    void processesIsChosenByName() {
        assertThat(TestInfrastructure.modeFor("processes")).isEqualTo(TestInfrastructure.Mode.PROCESSES);
        assertThat(TestInfrastructure.modeFor("embedded")).isEqualTo(TestInfrastructure.Mode.EMBEDDED);
    }

    @Test
    void childBrokerAndWireServerServeThenAreGoneAfterClose() throws Exception {
        List<ProcessHandle> children;
        Path workDir;
        long started = System.nanoTime();
        try (var infra = ProcessInfrastructure.start()) {
            System.out.printf("processes infrastructure ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            children = infra.processes();
            workDir = infra.workDir();
            long self = ProcessHandle.current().pid();
            assertThat(children).hasSize(2).allSatisfy(child -> {
                assertThat(child.isAlive()).isTrue();
                assertThat(child.parent().map(ProcessHandle::pid)).contains(self);
            });

            String topic = "processes-" + UUID.randomUUID();
            String value = UUID.randomUUID().toString();
            produce(infra.kafkaBootstrapServers(), topic, value);
            assertThat(consumeFirst(infra.kafkaBootstrapServers(), topic)).isEqualTo(value);

            try (MongoClient client = MongoClients.create(infra.mongoUri())) {
                var collection = client.getDatabase("processes-test").getCollection("things");
                String id = UUID.randomUUID().toString();
                collection.insertOne(new Document("_id", id).append("n", 42));
                Document read = collection.find(Filters.eq("_id", id)).first();
                assertThat(read).isNotNull();
                assertThat(read.getInteger("n")).isEqualTo(42);
            }
        }
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(workDir).doesNotExist();
    }

    @Test
    void aRestartedBrokerAndDurableWireServerKeepTheirDataOnTheSameAddresses() throws Exception {
        try (var infra = ProcessInfrastructure.start(true)) {
            String topic = "restart-" + UUID.randomUUID();
            String value = UUID.randomUUID().toString();
            produce(infra.kafkaBootstrapServers(), topic, value);
            String id = UUID.randomUUID().toString();
            try (MongoClient client = MongoClients.create(infra.mongoUri())) {
                // acknowledged just before the stop: a graceful stop commits it to the file
                client.getDatabase("restart-test").getCollection("things").insertOne(new Document("_id", id));
            }
            String mongoUri = infra.mongoUri();
            long brokerPid = infra.processes().get(0).pid();
            long mongoPid = infra.processes().get(1).pid();

            infra.restartBroker(Duration.ofSeconds(1));
            infra.restartWireServer(Duration.ofSeconds(1));

            assertThat(infra.processes().get(0).pid()).isNotEqualTo(brokerPid);
            assertThat(infra.processes().get(1).pid()).isNotEqualTo(mongoPid);
            assertThat(infra.mongoUri()).isEqualTo(mongoUri);
            assertThat(consumeFirst(infra.kafkaBootstrapServers(), topic)).isEqualTo(value);
            try (MongoClient client = MongoClients.create(infra.mongoUri())) {
                assertThat(client.getDatabase("restart-test").getCollection("things").find(Filters.eq("_id", id))
                        .first()).isNotNull();
            }
        }
    }

    @Test
    void anInMemoryWireServerRefusesToRestartForItWouldLoseItsData() {
        try (var infra = ProcessInfrastructure.start(false)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> infra.restartWireServer(Duration.ZERO))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("DURABLE");
        }
    }

    /** What makes a child halt when the test JVM is killed without running its shutdown hook: stdin reaches EOF. */
    @Test
    void childHaltsWhenItsParentGoesAway() throws Exception {
        Path workDir = Files.createTempDirectory("consentflow-watchdog-test-");
        ChildJvm child = ChildJvm.launch("mongo", workDir, List.of("-Xmx64m"), WireServerProcess.class, "0");
        try {
            child.awaitLine(WireServerProcess.READY_MARKER, Instant.now().plusSeconds(30));
            child.process().getOutputStream().close();
            assertThat(child.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
            // 0 from the watchdog's halt, not 143 from a SIGTERM
            assertThat(child.process().exitValue()).isZero();
            assertThat(workDir).doesNotExist();
        } finally {
            child.requestStop();
            child.awaitStopped(Duration.ofSeconds(5));
            ChildJvm.deleteQuietly(workDir);
        }
    }

    private static void produce(String bootstrap, String topic, String value) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static String consumeFirst(String bootstrap, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (values.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            assertThat(values).as("records read back from %s", topic).isNotEmpty();
            return values.get(0);
        }
    }
}
