package io.consentflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class InfrastructurePausesTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T02:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InfrastructurePauses pauses = new InfrastructurePauses(meters, new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });
    private final ConsumerRecord<String, String> record = new ConsumerRecord<>("send-requests", 0, 7, "k", "v");

    @Test
    void anUnavailableDatabaseCountsAndTakesTheServiceOutOfServiceUntilItIsNoLongerRecent() {
        assertThat(pauses.health().getStatus()).isEqualTo(Status.UP);
        pauses.failedDelivery(record, new IllegalStateException("write failed", new ConnectException("refused")), 1);
        assertThat(meters.counter("consentflow.kafka.infrastructure_retries").count()).isEqualTo(1);
        assertThat(pauses.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(pauses.health().getDetails()).containsEntry("lastFault", "ConnectException")
                .doesNotContainValue("refused");

        now.set(now.get().plus(InfrastructurePauses.RECENT).plusSeconds(1));
        assertThat(pauses.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aFaultOfTheRecordItselfIsNoPause() {
        pauses.failedDelivery(record, new IllegalStateException("a bug"), 1);
        assertThat(meters.counter("consentflow.kafka.infrastructure_retries").count()).isZero();
        assertThat(pauses.health().getStatus()).isEqualTo(Status.UP);
    }
}
