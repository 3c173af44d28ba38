package io.consentflow.retention.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Receipts complete an erasure only when all have arrived; missing ones make it overdue after the grace period. */
class ErasureTest {

    private final Instant now = Instant.parse("2026-11-29T06:00:00Z");

    @Test
    void aSubjectErasureIsDoneOnlyWithBothReceipts() {
        Erasure erasure = requested(DeadlineKind.SUBJECT_REQUEST);
        assertThat(erasure.requiredReceipts()).containsExactly("SubjectErased", "MessageLogErased");

        Erasure half = erasure.withReceipt("SubjectErased", "e1", now);
        assertThat(half.status()).isEqualTo(Erasure.Status.AWAITING_RECEIPTS);
        assertThat(half.missingReceipts()).containsExactly("MessageLogErased");
        assertThat(half.withReceipt("SubjectErased", "e1-again", now)).as("a repeated receipt changes nothing")
                .isSameAs(half);

        Erasure done = half.withReceipt("MessageLogErased", "e2", now.plusSeconds(5));
        assertThat(done.status()).isEqualTo(Erasure.Status.DONE);
        assertThat(done.completedAt()).isEqualTo(now.plusSeconds(5));
        assertThat(done.overdue(now.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void optInExpiredAnswersOnlyAPendingOptInErasure() {
        assertThat(requested(DeadlineKind.PENDING_OPT_IN).withReceipt("OptInExpired", "e", now).status())
                .isEqualTo(Erasure.Status.DONE);
        assertThat(requested(DeadlineKind.CONSENT_PROOF).awaits("OptInExpired")).isFalse();
        assertThat(requested(DeadlineKind.MESSAGE_LOG).awaits("SubjectErased")).isFalse();
    }

    @Test
    void anErasureWithoutAllReceiptsIsOverdueAfterTheGracePeriod() {
        Erasure erasure = requested(DeadlineKind.MESSAGE_LOG);
        assertThat(erasure.overdue(now.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(erasure.overdue(now.plus(Duration.ofHours(1)))).isTrue();
    }

    private Erasure requested(DeadlineKind kind) {
        Deadline deadline = new Deadline(DeadlineKey.of("s", kind), Deadline.Status.FIRING, now, kind.defaultReason(),
                "erasure-1", "event-1", now, 1);
        return Erasure.requested(deadline, "command-1", now, Duration.ofHours(1));
    }
}
