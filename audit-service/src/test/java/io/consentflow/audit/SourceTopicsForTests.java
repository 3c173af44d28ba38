package io.consentflow.audit;

import io.consentflow.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * In production the owners of the audited topics create them; in this module's test JVM there is no owner, so the
 * topics are created here (picked up by component scanning of the test classpath) before the listeners start.
 */
@Configuration(proxyBeanMethods = false)
class SourceTopicsForTests {

    @Bean
    KafkaAdmin.NewTopics auditedSourceTopics() {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()))
                .toArray(NewTopic[]::new));
    }
}
