package io.consentflow.gateway.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The followers connect like every other Kafka client of the service: spring.kafka.* security settings included. */
class TopicFollowerSettingsTest {

    @Test
    void followersTakeBootstrapServersAndSecurityFromSpringKafkaButNotTheGroupSettings() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(java.util.List.of("kafka-bootstrap:9093"));
        kafka.getSecurity().setProtocol("SASL_SSL");
        kafka.getProperties().put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.getProperties().put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule "
                + "required username=\"messaging-gateway\" password=\"secret\";");
        kafka.getSsl().setTrustStoreLocation(new org.springframework.core.io.FileSystemResource("/certs/ca.p12"));
        kafka.getConsumer().setGroupId("messaging-gateway");
        kafka.getConsumer().setAutoOffsetReset("earliest");

        Map<String, Object> connection = TopicFollower.connectionSettings(kafka.buildConsumerProperties());

        assertThat(connection).containsEntry("bootstrap.servers", java.util.List.of("kafka-bootstrap:9093"))
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config").containsKey("ssl.truststore.location")
                .doesNotContainKeys("group.id", "auto.offset.reset");
    }
}
