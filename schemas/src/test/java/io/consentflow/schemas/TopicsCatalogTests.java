package io.consentflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicsCatalogTests {

    @Test
    void everyEventTypeTravelsOnExactlyOneTopic() {
        for (var type : EventTypes.ALL) {
            assertThat(Topics.ALL.stream().filter(topic -> topic.carries(type)).count())
                    .as(type.getSimpleName()).isEqualTo(1);
        }
    }

    @Test
    void topicsCarryingRawNumbersKeepThemOnlyBriefly() {
        for (TopicSpec topic : Topics.allWithDeadLetters()) {
            if (topic.carriesPersonalData()) {
                long retention = Long.parseLong(topic.configs().get("retention.ms"));
                assertThat(Duration.ofMillis(retention)).as(topic.name())
                        .isLessThanOrEqualTo(Topics.PERSONAL_DATA_TOPIC_RETENTION);
            }
        }
        assertThat(Topics.SEND_REQUESTS.carriesPersonalData()).isTrue();
        assertThat(Topics.WHATSAPP_INBOUND.carriesPersonalData()).isTrue();
        assertThat(Topics.CONSENT_STATE.carriesPersonalData()).isFalse();
    }

    @Test
    void consentStateIsCompactedAndItsTombstonesExpire() {
        assertThat(Topics.CONSENT_STATE.compacted()).isTrue();
        assertThat(Topics.CONSENT_STATE.configs()).containsKey("delete.retention.ms");
        assertThat(Topics.CONSENT_STATE.deadLetter().compacted()).isFalse();
    }

    @Test
    void everyTopicHasOneOwnerAndItsDeadLetterTopicKeepsThePartitions() {
        for (TopicSpec topic : Topics.ALL) {
            assertThat(topic.owner()).isNotBlank();
            assertThat(topic.deadLetter().name()).isEqualTo(topic.name() + "-dlt");
            assertThat(topic.deadLetter().partitions()).isEqualTo(topic.partitions());
            assertThat(Topics.byName(topic.deadLetter().name())).isPresent();
        }
        assertThat(Topics.ownedBy(Services.CONSENT)).containsExactly(Topics.CONSENT_EVENTS, Topics.CONSENT_STATE);
    }

    @org.junit.jupiter.api.Test
    void everyTopicHasReadersAndGrouplessReadersAreReaders() {
        assertThat(Topics.READERS.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().map(TopicSpec::name).toList());
        assertThat(Topics.READERS.values()).allSatisfy(readers -> assertThat(readers).isNotEmpty());
        Topics.GROUPLESS_READERS.forEach((topic, readers) -> assertThat(Topics.READERS.get(topic))
                .containsAll(readers));
    }
}
