package io.consentflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsCatalogTests {

    @Test
    void everyEventTypeTravelsOnExactlyOneTopicExceptStaffAccessOnEachWritersOwnTopic() {
        for (var type : EventTypes.ALL) {
            if (type != io.consentflow.events.StaffAccessRecorded.class) {
                assertThat(Topics.ALL.stream().filter(topic -> topic.carries(type)).count())
                        .as(type.getSimpleName()).isEqualTo(1);
            }
        }
        assertThat(Topics.ALL.stream().filter(topic -> topic.carries(io.consentflow.events.StaffAccessRecorded.class)))
                .containsExactlyInAnyOrderElementsOf(Topics.STAFF_ACCESS_TOPICS.values());
        Topics.STAFF_ACCESS_TOPICS.forEach((service, topic) -> {
            assertThat(topic.writers()).as(topic.name()).containsExactly(service);
            assertThat(Topics.staffAccessTopic(service)).isEqualTo(topic);
        });
        assertThat(Topics.STAFF_ACCESS_TOPICS.keySet()).containsExactlyInAnyOrder(Services.CONSENT, Services.GATEWAY,
                Services.RETENTION, Services.AUDIT);
        assertThatThrownBy(() -> Topics.staffAccessTopic(Services.CAMPAIGN_SYSTEMS))
                .isInstanceOf(IllegalArgumentException.class);
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
    void everyTopicCarryingRawNumbersHasAnExactStatedBoundOnItsLastCopy() {
        Duration stated = Duration.parse("PT73H6M"); // 3 days + 1 h segments + 5 min check + 1 min file delay
        for (TopicSpec topic : Topics.allWithDeadLetters()) {
            if (topic.carriesPersonalData()) {
                assertThat(topic.configs()).as(topic.name()).containsEntry("segment.ms", "3600000")
                        .containsEntry("message.timestamp.type", "LogAppendTime")
                        .containsEntry("file.delete.delay.ms", "60000");
                assertThat(Topics.lastCopyGoneWithin(topic)).as(topic.name()).isEqualTo(stated);
            }
        }
        assertThat(Topics.allWithDeadLetters().stream().filter(TopicSpec::carriesPersonalData).map(TopicSpec::name))
                .containsExactlyInAnyOrder("send-requests", "send-requests-dlt", "whatsapp-inbound",
                        "whatsapp-inbound-dlt");
    }

    @Test
    void noBoundIsClaimedWithoutTheSettingsThatMakeItExact() {
        assertThatThrownBy(() -> Topics.lastCopyGoneWithin(Topics.MESSAGE_EVENTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segment.ms");
        var producerTimes = new java.util.HashMap<>(Topics.SEND_REQUESTS.configs());
        producerTimes.remove("message.timestamp.type");
        assertThatThrownBy(() -> Topics.lastCopyGoneWithin(producerTimes, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("producer timestamps");
        var shortened = new java.util.HashMap<>(Topics.SEND_REQUESTS.configs());
        shortened.put("retention.ms", "20000");
        shortened.put("segment.ms", "5000");
        shortened.put("file.delete.delay.ms", "1000");
        assertThat(Topics.lastCopyGoneWithin(shortened, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(28));
    }

    @Test
    void consentStateIsCompactedAndItsTombstonesExpire() {
        assertThat(Topics.CONSENT_STATE.compacted()).isTrue();
        assertThat(Topics.CONSENT_STATE.configs()).containsKey("delete.retention.ms");
        assertThat(Topics.CONSENT_STATE.deadLetter().compacted()).isFalse();
        assertThat(Topics.CONSENT_STATE.deadLetter().configs()).doesNotContainKeys("max.compaction.lag.ms",
                "delete.retention.ms", "min.cleanable.dirty.ratio");
        // its records are keyed by the contactKey too: 30 days, 1 h segments, 5 min check, 1 min file delay
        assertThat(Topics.lastCopyGoneWithin(Topics.CONSENT_STATE.deadLetter())).isEqualTo(Duration.parse("PT721H6M"));
    }

    /**
     * The contactKey of an erased contact leaves consent-state within a stated time once its partition moves on: the
     * cleaner must act (max.compaction.lag.ms), on broker time, and the bound in the Art. 30 record and the
     * certificates is 1 h roll + 15 s + 1 day tombstone + 15 s + 1 min file delay.
     */
    @Test
    void consentStateHasAStatedBoundOnTheContactKeyOfAnErasedContact() {
        assertThat(Topics.CONSENT_STATE.configs()).containsEntry("max.compaction.lag.ms", "3600000")
                .containsEntry("segment.ms", "3600000").containsEntry("delete.retention.ms", "86400000")
                .containsEntry("file.delete.delay.ms", "60000").containsEntry("message.timestamp.type", "LogAppendTime")
                .containsEntry("cleanup.policy", "compact");
        assertThat(Topics.compactedCopyGoneWithin(Topics.CONSENT_STATE)).isEqualTo(Duration.parse("PT25H1M30S"));
        assertThat(Topics.BROKER_CLEANER_BACKOFF).as("Kafka's default log.cleaner.backoff.ms")
                .isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void noCompactionBoundIsClaimedWithoutTheSettingsThatForceTheCleaner() {
        Map<String, String> withoutLag = new HashMap<>(Topics.CONSENT_STATE.configs());
        withoutLag.remove("max.compaction.lag.ms");
        assertThatThrownBy(() -> Topics.compactedCopyGoneWithin(withoutLag, Duration.ofSeconds(15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max.compaction.lag.ms");
        Map<String, String> producerTime = new HashMap<>(Topics.CONSENT_STATE.configs());
        producerTime.put("message.timestamp.type", "CreateTime");
        assertThatThrownBy(() -> Topics.compactedCopyGoneWithin(producerTime, Duration.ofSeconds(15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("producer timestamps");
        Map<String, String> shortened = new HashMap<>(Topics.CONSENT_STATE.configs());
        shortened.put("segment.ms", "10000");
        shortened.put("max.compaction.lag.ms", "5000");
        shortened.put("delete.retention.ms", "20000");
        shortened.put("file.delete.delay.ms", "1000");
        assertThat(Topics.compactedCopyGoneWithin(shortened, Duration.ofSeconds(2))).as("the shorter roll counts")
                .isEqualTo(Duration.ofSeconds(30));
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
