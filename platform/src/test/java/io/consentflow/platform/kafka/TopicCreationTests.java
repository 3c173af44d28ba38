package io.consentflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.platform.PlatformProperties;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicCreationTests {

    @Test
    void aServiceCreatesTheTopicsItOwnsAndTheDeadLetterTopicsOfWhatItConsumes() {
        var kafka = new PlatformProperties.Kafka((short) 3, List.of("whatsapp-inbound", "message-events"));

        List<TopicSpec> topics = KafkaPlatformConfiguration.topicsToCreate(Services.CONSENT, kafka);

        assertThat(topics).extracting(TopicSpec::name).containsExactly("consent-events", "consent-state",
                "send-requests", "whatsapp-inbound-dlt", "message-events-dlt");
    }

    @Test
    void newTopicsCarryTheCatalogPartitionsConfigsAndReplication() {
        var topic = KafkaPlatformConfiguration.newTopic(Topics.CONSENT_STATE, (short) 3);

        assertThat(topic.numPartitions()).isEqualTo(Topics.CONSENT_STATE.partitions());
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void anUnknownConsumedTopicIsAStartupError() {
        var kafka = new PlatformProperties.Kafka((short) 1, List.of("consent-evnts"));

        assertThatThrownBy(() -> KafkaPlatformConfiguration.topicsToCreate(Services.CONSENT, kafka))
                .hasMessageContaining("unknown topic 'consent-evnts'");
    }
}
