package io.consentflow.gateway.send;

import io.consentflow.gateway.config.GatewayProperties;
import org.apache.avro.specific.SpecificRecord;
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
        return factory;
    }
}
