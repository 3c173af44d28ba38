package io.consentflow.gateway.adapters.kafka;

import io.consentflow.gateway.app.CloudApi;
import io.consentflow.gateway.config.GatewayProperties;
import io.consentflow.gateway.domain.RateShare;
import io.consentflow.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the Cloud API client's rate at this instance's share of the business number's rate (Meta limits the number,
 * not the pod): recomputed whenever this instance's send-requests consumers gain or lose partitions, counted per
 * consumer ({@link PartitionOwners}). Until the first assignment the instance owns nothing and sends
 * nothing, so the starting rate (the whole number's) is never used against Meta.
 */
@Component
class SendRateShares implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(SendRateShares.class);

    private final CloudApi cloudApi;
    private final int numberRate;
    private final PartitionOwners<TopicPartition> owned = new PartitionOwners<>();
    private final AtomicInteger current;

    SendRateShares(CloudApi cloudApi, GatewayProperties properties, MeterRegistry meters) {
        this.cloudApi = cloudApi;
        this.numberRate = properties.send().rateLimitPerSecond();
        this.current = new AtomicInteger(numberRate);
        Gauge.builder("consentflow.gateway.send.rate_limit", current, AtomicInteger::get)
                .description("messages per second this instance may send: its share of the number's rate")
                .register(meters);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.assigned(consumer, partitions);
        recompute(consumer);
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.released(consumer, partitions);
        recompute(consumer);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.released(consumer, partitions);
        recompute(consumer);
    }

    int current() {
        return current.get();
    }

    private synchronized void recompute(Consumer<?, ?> consumer) {
        // the catalog's count, which the deployments are tested to create: no metadata call inside a rebalance
        int partitions = Topics.SEND_REQUESTS.partitions();
        int count = owned.count();
        int share = RateShare.of(numberRate, Math.min(count, partitions), partitions);
        if (current.getAndSet(share) != share) {
            cloudApi.rateLimit(share);
            log.info("send rate {}/s: {} of {} send-requests partitions of a number limited to {}/s", share,
                    count, partitions, numberRate);
        }
    }
}
