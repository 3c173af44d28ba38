package io.consentflow.audit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentflow.audit.domain.Checkpoint;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.audit.domain.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The timer half of "every N entries or T seconds", on the production CheckpointService and a quiet store of its
 * own: with N far away, a checkpoint appears once T has passed, without any further entry; while nothing changes the
 * timer keeps running but writes nothing (the design: a checkpoint commits to heads, the same heads are not signed
 * twice); the next change is checkpointed at the next tick.
 */
class CheckpointTimerTests {

    static final Duration T = Duration.ofSeconds(1);

    @Test
    void aCheckpointAppearsAfterTheIntervalAndNoneWhileNothingChanges() {
        String database = "audit-timer-" + UUID.randomUUID().toString().substring(0, 8);
        try (var audit = new IsolatedAudit(database, SigningKeys.DEVELOPMENT_KEY, List.of(), 1_000_000, T)) {
            audit.log.append(records(0, 3)).block(java.time.Duration.ofSeconds(60));
            Instant started = Instant.now();
            audit.checkpointService.start();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> all(audit).size() == 1);
            Checkpoint first = all(audit).get(0);
            // written by the timer (N = 1,000,000 was never reached), not before T had passed
            assertThat(first.createdAt()).isAfterOrEqualTo(started.plus(T).minusMillis(1));
            assertThat(first.totalEntries()).isEqualTo(3);
            assertThat(first.heads()).containsOnlyKeys(chain());

            // three further ticks see unchanged heads and write nothing
            double unchanged = audit.runs("unchanged");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> audit.runs("unchanged") >= unchanged + 3);
            assertThat(all(audit)).hasSize(1);
            assertThat(audit.runs("written")).isEqualTo(1);

            // one more entry: the next tick commits to it, linked to the first checkpoint
            audit.log.append(records(3, 1)).block(java.time.Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> all(audit).size() == 2);
            Checkpoint second = all(audit).get(1);
            assertThat(second.totalEntries()).isEqualTo(4);
            assertThat(second.previousDigest()).isEqualTo(first.digest());
            assertThat(audit.verification.verifyAll().block().valid()).isTrue();
        }
    }

    private String topic;

    private String chain() {
        return topic + "-0";
    }

    private List<SourceRecord> records(long from, int count) {
        if (topic == null) {
            topic = "timer-" + UUID.randomUUID().toString().substring(0, 8);
        }
        return LongStream.range(from, from + count).mapToObj(offset -> new SourceRecord(topic, 0, offset,
                UUID.randomUUID().toString(), "OptInExpired", UUID.randomUUID().toString(), Instant.now(),
                Map.of("n", offset))).toList();
    }

    private static List<Checkpoint> all(IsolatedAudit audit) {
        return audit.checkpoints.ascending().collectList().block(Duration.ofSeconds(30));
    }
}
