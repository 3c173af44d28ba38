package io.consentflow.gateway.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The instance's send rate follows the partitions it owns: a second member of the gateway's consumer group (standing
 * in for a second instance) takes partitions, and this instance's rate drops to its share; when it leaves, the rate
 * is the whole number's again, and at no moment of the rebalances is it lower than the share it settles at. The tests'
 * number rate is 1,000/s (GatewayTest).
 */
@GatewayTest
class SendRateSharesTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int NUMBER_RATE = 1000;

    @Autowired
    SendRateShares shares;

    @Test
    void aSecondInstanceInTheGroupHalvesOrSoThisInstancesRateAndGivesItBackOnLeaving() throws InterruptedException {
        await().atMost(WAIT).until(() -> shares.current() == NUMBER_RATE);
        int partitions = Topics.SEND_REQUESTS.partitions();
        // the lowest rate this instance has at any moment of the rebalances: the sampler reads it every ~0.1 ms
        AtomicInteger lowest = new AtomicInteger(NUMBER_RATE);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                lowest.accumulateAndGet(shares.current(), Math::min);
                LockSupport.parkNanos(100_000);
            }
        }, "rate-sampler");
        sampler.setDaemon(true);
        sampler.start();
        int settledShare;

        try (var other = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, SendListener.ID, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            other.subscribe(List.of(Topics.SEND_REQUESTS.name()));
            await().atMost(WAIT).until(() -> {
                other.poll(Duration.ofMillis(200));
                int taken = other.assignment().size();
                return taken > 0 && shares.current() == NUMBER_RATE * (partitions - taken) / partitions;
            });
            settledShare = shares.current();
            assertThat(settledShare).isLessThan(NUMBER_RATE).isGreaterThan(1);
        }

        await().atMost(WAIT).until(() -> shares.current() == NUMBER_RATE);
        sampling.set(false);
        sampler.join();
        // incremental rebalancing: the instance only ever gives up the partitions that move, so its rate never
        // dips below its share of those it keeps (an eager rebalance revokes everything first: 1/s for a moment)
        assertThat(lowest.get()).as("lowest rate during the rebalances").isEqualTo(settledShare);
    }
}
