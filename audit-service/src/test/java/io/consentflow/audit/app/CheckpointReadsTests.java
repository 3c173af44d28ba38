package io.consentflow.audit.app;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A checkpoint run reads only the checkpoints it needs, on the real MongoDB wire protocol: the newest from a number
 * already seen on, and for anchoring the ones after the last anchored (each run used to read and decode every
 * checkpoint ever written, so its cost grew with the log's age).
 */
class CheckpointReadsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String topic = "reads-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theNewestAndTheCheckpointsAfterANumberAreReadWithoutTheOthers() {
        try (var audit = new IsolatedAudit("audit-reads-" + UUID.randomUUID().toString().substring(0, 8),
                SigningKeys.DEVELOPMENT_KEY, List.of(), 1_000_000, Duration.ofHours(1))) {
            for (int i = 0; i < 5; i++) {
                audit.log.append(records(i * 2L, 2)).block(java.time.Duration.ofSeconds(60));
                assertThat(audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60))).isPresent();
            }
            assertThat(audit.checkpoints.after(3).map(Checkpoint::number).collectList().block(WAIT))
                    .containsExactly(4L, 5L);
            assertThat(audit.checkpoints.after(5).collectList().block(WAIT)).isEmpty();
            assertThat(audit.checkpoints.latest(2).block(WAIT).number()).isEqualTo(5);
            assertThat(audit.checkpoints.latest(0).block(WAIT).number()).isEqualTo(5);
            // a number beyond what is stored (newer checkpoints removed): the whole collection decides
            assertThat(audit.checkpoints.latest(9).block(WAIT).number()).isEqualTo(5);
            // the series stays linked across runs that read only the newest
            audit.log.append(records(10, 1)).block(java.time.Duration.ofSeconds(60));
            assertThat(audit.checkpointService.checkpointNow().block(java.time.Duration.ofSeconds(60))).get().extracting(Checkpoint::number).isEqualTo(6L);
            assertThat(audit.verification.verifyAll().block(WAIT).valid()).isTrue();
        }
    }

    private List<SourceRecord> records(long from, int count) {
        return LongStream.range(from, from + count).mapToObj(offset -> new SourceRecord(topic, 0, offset,
                UUID.randomUUID().toString(), "OptInExpired", UUID.randomUUID().toString(), Instant.now(),
                Map.of("n", offset))).toList();
    }
}
