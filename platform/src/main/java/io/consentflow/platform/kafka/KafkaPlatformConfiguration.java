package io.consentflow.platform.kafka;

import io.consentflow.platform.PlatformProperties;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.schemas.kafka.DeadLetters;
import io.consentflow.schemas.kafka.KafkaClientDefaults;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Kafka the ConsentFlow way: Avro single-object values, idempotent acks=all producers, listeners whose poison records
 * go to {@code <topic>-dlt}, and the topics this service owns created from the {@link Topics} catalog with their
 * partitions and configs (never broker defaults).
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(PlatformProperties.class)
public class KafkaPlatformConfiguration {

    @Bean
    @ConditionalOnMissingBean(ProducerFactory.class)
    public ProducerFactory<String, SpecificRecord> eventProducerFactory(KafkaProperties properties) {
        return new DefaultKafkaProducerFactory<>(producerConfig(properties));
    }

    @Bean
    @ConditionalOnMissingBean(KafkaTemplate.class)
    public KafkaTemplate<String, SpecificRecord> eventKafkaTemplate(ProducerFactory<String, SpecificRecord> factory) {
        var template = new KafkaTemplate<>(factory);
        template.setProducerListener(new PersonalDataFreeProducerListener<>());
        return template;
    }

    @Bean
    @ConditionalOnMissingBean(ConsumerFactory.class)
    public ConsumerFactory<String, SpecificRecord> eventConsumerFactory(KafkaProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.buildConsumerProperties());
        config.putAll(KafkaClientDefaults.consumer());
        return new DefaultKafkaConsumerFactory<>(config);
    }

    @Bean
    @ConditionalOnMissingBean
    public InfrastructurePauses kafkaInfrastructurePauses(ObjectProvider<MeterRegistry> meters) {
        return new InfrastructurePauses(meters.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
    }

    /** Poison records go to the DLT; a database or broker outage pauses and retries (see {@link DeadLetters}). */
    @Bean
    @ConditionalOnMissingBean
    public DefaultErrorHandler deadLetterErrorHandler(KafkaProperties properties, InfrastructurePauses pauses) {
        PersonalDataFreeProducerListener.formatConsumerRecordsWithoutPayload();
        DefaultErrorHandler handler = DeadLetters.errorHandler(producerConfig(properties));
        handler.setRetryListeners(pauses);
        return handler;
    }

    @Bean(name = "kafkaListenerContainerFactory")
    @ConditionalOnMissingBean(name = "kafkaListenerContainerFactory")
    public ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> kafkaListenerContainerFactory(
            ConsumerFactory<String, SpecificRecord> consumerFactory, DefaultErrorHandler errorHandler,
            @Value("${consentflow.platform.kafka.listener-concurrency:1}") int concurrency) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, SpecificRecord>();
        factory.setConsumerFactory(consumerFactory);
        factory.setCommonErrorHandler(errorHandler);
        factory.setConcurrency(concurrency);
        return factory;
    }

    @Bean
    public KafkaAdmin.NewTopics consentFlowTopics(PlatformProperties platform,
            @Value("${spring.application.name}") String service) {
        return new KafkaAdmin.NewTopics(topicsToCreate(service, platform.kafka()).stream()
                .map(topic -> newTopic(topic, platform.kafka().replicationFactor()))
                .toArray(NewTopic[]::new));
    }

    /**
     * The topics this service owns or writes (a writer must not wait for the owner to start), and the dead-letter
     * topics of those it consumes (its error handler writes them). Creating an existing topic is a no-op.
     */
    static List<TopicSpec> topicsToCreate(String service, PlatformProperties.Kafka kafka) {
        List<TopicSpec> topics = new ArrayList<>(Topics.ALL.stream()
                .filter(topic -> topic.owner().equals(service) || topic.writers().contains(service)).toList());
        for (String consumed : kafka.consumedTopics()) {
            TopicSpec source = Topics.byName(consumed).orElseThrow(() -> new IllegalStateException(
                    "consentflow.platform.kafka.consumed-topics names unknown topic '" + consumed + "'"));
            topics.add(source.deadLetter());
        }
        return topics;
    }

    static NewTopic newTopic(TopicSpec topic, short replicationFactor) {
        return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(topic.configs());
    }

    static Map<String, Object> producerConfig(KafkaProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.buildProducerProperties());
        config.putAll(KafkaClientDefaults.producer());
        return config;
    }
}
