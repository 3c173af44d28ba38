package io.consentflow.retention.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What counts as a deviation from the catalog's settings of a stated bound. */
class BoundSettingsTest {

    @Test
    void thePolicyCapsRetentionAndShorterTimesAreFine() {
        BoundSettings bound = BoundSettings.of(Topics.SEND_REQUESTS, Duration.ofDays(2));
        assertThat(bound.expected()).containsEntry("retention.ms", Long.toString(Duration.ofDays(2).toMillis()))
                .containsEntry("segment.ms", "3600000").containsEntry("message.timestamp.type", "LogAppendTime")
                .containsEntry("file.delete.delay.ms", "60000").containsEntry("cleanup.policy", "delete");
        Map<String, String> actual = new HashMap<>(bound.expected());
        actual.put("segment.ms", "60000");
        actual.put("retention.ms", "1000");
        assertThat(bound.deviations(actual)).isEmpty();
    }

    @Test
    void longerForeverMissingOrOtherValuesDeviate() {
        BoundSettings bound = BoundSettings.of(Topics.CONSENT_STATE, null);
        Map<String, String> actual = new HashMap<>(bound.expected());
        actual.put("delete.retention.ms", "-1");
        actual.put("max.compaction.lag.ms", Long.toString(Long.MAX_VALUE));
        actual.remove("file.delete.delay.ms");
        actual.put("message.timestamp.type", "CreateTime");
        assertThat(bound.deviations(actual)).extracting(BoundSettings.Deviation::setting).containsExactly(
                "max.compaction.lag.ms", "delete.retention.ms", "file.delete.delay.ms", "message.timestamp.type");
    }

    @Test
    void aCompactedTopicMayAlsoDeleteButNotStopCompacting() {
        BoundSettings bound = BoundSettings.of(Topics.CONSENT_STATE, null);
        Map<String, String> actual = new HashMap<>(bound.expected());
        actual.put("cleanup.policy", "compact, delete");
        assertThat(bound.deviations(actual)).isEmpty();
        actual.put("cleanup.policy", "delete");
        assertThat(bound.deviations(actual)).singleElement()
                .isEqualTo(new BoundSettings.Deviation("cleanup.policy", "delete", "compact"));
    }
}
