package io.consentflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.OptInExpired;
import io.consentflow.schemas.kafka.DeadLetters;
import io.consentflow.schemas.kafka.InfrastructureFaults;
import io.consentflow.schemas.kafka.KafkaClientDefaults;
import io.consentflow.schemas.kafka.PoisonRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** On a real broker: a poison record goes to {@code <topic>-dlt} with error headers, and the next record still flows. */
class DeadLetterRoutingTests {

    private static final String TOPIC = "dlt-probe";
    private static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 2, TOPIC, TOPIC + Topics.DLT_SUFFIX);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void undecodableAndRefusedRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
        List<SpecificRecord> handled = new CopyOnWriteArrayList<>();
        var container = listener(record -> {
            if (record.value() instanceof OptInExpired expired && expired.getOptInId().equals("refuse-me")) {
                throw new PoisonRecordException("optInId: refused by the test");
            }
            handled.add(record.value());
        });
        container.start();
        try {
            byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
            send("k1", garbage);
            send("k2", new AvroEventSerializer().serialize(TOPIC, expired("refuse-me")));
            send("k3", new AvroEventSerializer().serialize(TOPIC, expired("fine")));

            List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(2, Duration.ofSeconds(30));

            assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("k1", "k2");
            var undecodable = dead.stream().filter(r -> r.key().equals("k1")).findFirst().orElseThrow();
            assertThat(undecodable.value()).isEqualTo(garbage);
            assertThat(header(undecodable, "kafka_dlt-exception-stacktrace"))
                    .contains(EventDecodingException.class.getName()).contains("bad header");
            assertThat(header(undecodable, "kafka_dlt-original-topic")).isEqualTo(TOPIC);
            var refused = dead.stream().filter(r -> r.key().equals("k2")).findFirst().orElseThrow();
            assertThat(header(refused, "kafka_dlt-exception-message")).contains("optInId: refused by the test");
            assertThat(new AvroEventDeserializer().deserialize(TOPIC, refused.value())).isEqualTo(expired("refuse-me"));
            awaitHandled(handled);
            assertThat(handled).containsExactly(expired("fine"));
        } finally {
            container.stop();
        }
    }

    @Test
    void aRecordFailingOnAnUnavailableDatabaseIsRetriedPastTheBackOffAndNeverDeadLettered() throws Exception {
        List<SpecificRecord> handled = new CopyOnWriteArrayList<>();
        Instant outageEnds = Instant.now().plusSeconds(8); // longer than the default back-off's 5 s
        var container = listener(record -> {
            if (!(record.value() instanceof OptInExpired expired) || expired.getOptInId().startsWith("fine")) {
                return; // the other test's records
            }
            if (expired.getOptInId().equals("outage") && Instant.now().isBefore(outageEnds)) {
                throw new IllegalStateException("store failed", new java.net.ConnectException("Connection refused"));
            }
            if (expired.getOptInId().equals("poison-after-outage")) {
                throw new PoisonRecordException("optInId: refused by the test");
            }
            handled.add(record.value());
        });
        container.start();
        try {
            send("outage-key", new AvroEventSerializer().serialize(TOPIC, expired("outage")));
            send("poison-key", new AvroEventSerializer().serialize(TOPIC, expired("poison-after-outage")));
            Instant deadline = Instant.now().plusSeconds(60);
            while (handled.isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(handled).containsExactly(expired("outage"));
            assertThat(Instant.now()).isAfter(outageEnds);
            // the poison record after it reaches the DLT: the outage's record, retried before it, never did
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            deadline = Instant.now().plusSeconds(30);
            while (dead.stream().noneMatch(r -> "poison-key".equals(r.key())) && Instant.now().isBefore(deadline)) {
                dead = readDeadLetters(Integer.MAX_VALUE, Duration.ofSeconds(3));
            }
            assertThat(dead).extracting(ConsumerRecord::key).contains("poison-key").doesNotContain("outage-key");
        } finally {
            container.stop();
        }
    }

    @Test
    void onlyUnavailabilityIsAnInfrastructureFaultNeverAnUndecodableOrInvalidRecord() {
        assertThat(InfrastructureFaults.isInfrastructure(new RuntimeException(new java.net.ConnectException("x"))))
                .isTrue();
        assertThat(InfrastructureFaults.isInfrastructure(new org.apache.kafka.common.errors.TimeoutException("x")))
                .isTrue();
        assertThat(InfrastructureFaults.isInfrastructure(new IllegalStateException("a bug"))).isFalse();
        var poison = new PoisonRecordException("x");
        poison.initCause(new java.net.SocketTimeoutException("x"));
        assertThat(InfrastructureFaults.isInfrastructure(poison)).isFalse();
    }

    private static KafkaMessageListenerContainer<String, SpecificRecord> listener(
            MessageListener<String, SpecificRecord> listener) {
        Map<String, Object> consumer = new HashMap<>(KafkaClientDefaults.consumer());
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-probe-group");
        var properties = new ContainerProperties(TOPIC);
        properties.setMessageListener(listener);
        var container = new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<String, SpecificRecord>(
                consumer), properties);
        Map<String, Object> producer = new HashMap<>(KafkaClientDefaults.producer());
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        container.setCommonErrorHandler(DeadLetters.errorHandler(producer));
        return container;
    }

    private static OptInExpired expired(String optInId) {
        return new OptInExpired("e-" + optInId, Instant.ofEpochMilli(1_700_000_000_000L), "test", "subject-1", optInId,
                false);
    }

    private static void send(String key, byte[] value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(int expected, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC + Topics.DLT_SUFFIX));
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static void awaitHandled(List<SpecificRecord> handled) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (handled.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
