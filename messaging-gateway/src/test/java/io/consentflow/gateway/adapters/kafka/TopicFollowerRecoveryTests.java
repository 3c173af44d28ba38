package io.consentflow.gateway.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consent view's followers survive a failure outside record handling (issue 23: infrastructure faults pause, they
 * do not end a consumer). Real broker; the failure is injected where the broker calls are: the start position's
 * seek, and the step after records were applied. Each record is applied exactly once and in order.
 */
class TopicFollowerRecoveryTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
    private final String topic = "follower-recovery-" + UUID.randomUUID();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final AtomicInteger caughtUp = new AtomicInteger();
    private TopicFollower follower;

    @AfterEach
    void stop() {
        if (follower != null) {
            follower.stop();
        }
    }

    @Test
    void aFailedStartIsTriedAgainAndTheViewCatchesUp() throws Exception {
        createTopicWith("a", "b", "c");
        AtomicInteger seeks = new AtomicInteger();
        follower = follow(kafka -> {
            if (seeks.incrementAndGet() == 1) {
                throw new org.apache.kafka.common.errors.TimeoutException("broker unreachable (injected)");
            }
            kafka.seekToBeginning(kafka.assignment());
            return null;
        }, () -> caughtUp.incrementAndGet());

        await().atMost(WAIT).until(() -> caughtUp.get() == 1);
        assertThat(follower.failures()).isEqualTo(1);
        assertThat(seeks.get()).isEqualTo(2);
        assertThat(handled).containsExactly("a", "b", "c");
    }

    @Test
    void afterAFailureItGoesOnFromWhatItAppliedNeverAgainFromTheStart() throws Exception {
        createTopicWith("a", "b", "c");
        AtomicInteger reports = new AtomicInteger();
        follower = follow(kafka -> {
            kafka.seekToBeginning(kafka.assignment());
            return null;
        }, () -> {
            if (reports.incrementAndGet() == 1) {
                throw new IllegalStateException("failure after records were applied (injected)");
            }
        });
        await().atMost(WAIT).until(() -> follower.failures() == 1);

        publish("d", "e");
        await().atMost(WAIT).until(() -> handled.size() >= 5);
        Thread.sleep(1_000); // a re-read from the start would add a, b, c again within this second: none came
        assertThat(handled).containsExactly("a", "b", "c", "d", "e");
        assertThat(reports.get()).as("catching up is reported once per follower").isEqualTo(1);
    }

    private TopicFollower follow(java.util.function.Function<KafkaConsumer<String, byte[]>, Void> seek,
            Runnable onCaughtUp) {
        var created = new TopicFollower(topic, TopicFollower.plaintext(bootstrap), seek,
                (key, value) -> handled.add(key), onCaughtUp, null);
        Thread thread = new Thread(created, "follower-recovery");
        thread.setDaemon(true);
        thread.start();
        return created;
    }

    private void createTopicWith(String... keys) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        publish(keys);
    }

    private void publish(String... keys) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String key : keys) {
                producer.send(new ProducerRecord<>(topic, key, null)).get(); // a tombstone: the handler gets the key
            }
        }
    }
}
