package io.consentflow.audit.adapters.kafka;

import io.consentflow.audit.app.AuditLog;
import io.consentflow.audit.config.AuditProperties;
import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.platform.kafka.InfrastructurePauses;
import io.consentflow.schemas.kafka.KafkaClientDefaults;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The audit consumers read raw bytes (keys and values), unlike the platform's Avro factory: dead letters often do not
 * decode, and even a corrupt record on a source topic must be audited, not skipped. The consumer factory is built
 * here rather than exposed as a bean, so the platform's own factory stays untouched. audit-service writes no topic:
 * a failing batch (MongoDB down) is retried with back-off indefinitely rather than ever sent anywhere or skipped.
 */
@Configuration(proxyBeanMethods = false)
class AuditKafkaConfiguration {

    static final String FACTORY = "auditContainerFactory";

    @Bean(name = FACTORY)
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> auditContainerFactory(KafkaProperties kafka,
            AuditProperties audit, AuditLog log, InfrastructurePauses pauses) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putAll(KafkaClientDefaults.consumer());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // dead-letter topics created later by other services are picked up by the pattern within a minute
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 60_000);
        var factory = new ConcurrentKafkaListenerContainerFactory<byte[], byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
        factory.setBatchListener(true);
        factory.getContainerProperties().setConsumerRebalanceListener(new HandoverListener(log));
        factory.setConcurrency(Math.max(1, audit.listener().concurrency()));
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        var handler = new DefaultErrorHandler((record, exception) -> {
            throw new IllegalStateException("audit records are never skipped", exception);
        }, backOff);
        // a MongoDB outage shows like on every other service: counted, health OUT_OF_SERVICE while it lasts
        handler.setRetryListeners(pauses);
        factory.setCommonErrorHandler(handler);
        return factory;
    }

    /**
     * A partition that changes hands may be extended by another instance before it comes back: its head hint is
     * dropped on every revocation, loss and assignment, so the next append reads the head from the store.
     */
    record HandoverListener(AuditLog log) implements ConsumerAwareRebalanceListener {

        @Override
        public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            log.forget(partitions.stream().map(p -> AuditEntry.chainId(p.topic(), p.partition())).toList());
        }
    }
}
