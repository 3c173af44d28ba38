package io.consentflow.gateway.adapters.kafka;

import io.consentflow.gateway.config.GatewayProperties;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/** A batch listener factory for send-requests, with the platform's consumer settings and DLT error handler. */
@Configuration(proxyBeanMethods = false)
class SendKafkaConfiguration {

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> sendRequestsFactory(
            ConsumerFactory<String, SpecificRecord> consumerFactory, DefaultErrorHandler errorHandler,
            GatewayProperties properties, SendRateShares rateShares) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, SpecificRecord>();
        factory.setConsumerFactory(consumerFactory);
        factory.setCommonErrorHandler(errorHandler);
        factory.setBatchListener(true);
        // a contact's requests share a partition, so they stay in one consumer, in order
        factory.setConcurrency(properties.send().consumers());
        // each rebalance recomputes this instance's share of the number's rate from the partitions it owns
        factory.getContainerProperties().setConsumerRebalanceListener(rateShares);
        // incremental rebalancing: a rebalance revokes only the partitions that move, so an instance keeps sending
        // at the share of those it keeps instead of owning nothing (and falling to 1/s) until the new assignment;
        // a moved partition is revoked before another member gets it, so the shares still never add up to more
        // (on the container: the factory does not hand its own consumer properties on)
        factory.setContainerCustomizer(container -> {
            var cooperative = new Properties();
            cooperative.setProperty(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    CooperativeStickyAssignor.class.getName());
            container.getContainerProperties().setKafkaConsumerProperties(cooperative);
        });
        return factory;
    }
}
