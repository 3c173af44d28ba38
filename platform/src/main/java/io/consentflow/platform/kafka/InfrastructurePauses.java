package io.consentflow.platform.kafka;

import io.consentflow.schemas.kafka.InfrastructureFaults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.RetryListener;

/**
 * What the listeners' error handler tells of infrastructure faults: every delivery that failed because MongoDB or
 * the broker was unavailable counts in {@code consentflow.kafka.infrastructure_retries}, and health reports
 * OUT_OF_SERVICE (with the fault's type, never its message) while such failures are recent: the consumers are paused
 * and retrying, not dead-lettering.
 */
public class InfrastructurePauses implements RetryListener, HealthIndicator {

    /** Health stays OUT_OF_SERVICE this long after the last failed delivery. */
    static final Duration RECENT = Duration.ofSeconds(30);

    private final Counter retries;
    private final Clock clock;
    private final AtomicReference<Fault> last = new AtomicReference<>();

    private record Fault(Instant at, String type) {
    }

    public InfrastructurePauses(MeterRegistry meters, Clock clock) {
        this.retries = Counter.builder("consentflow.kafka.infrastructure_retries")
                .description("listener deliveries that failed because the database or the broker was unavailable")
                .register(meters);
        this.clock = clock;
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        counted(ex);
    }

    @Override
    public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
        counted(ex);
    }

    @Override
    public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
        counted(original);
    }

    @Override
    public void recoveryFailed(ConsumerRecords<?, ?> records, Exception original, Exception failure) {
        counted(original);
    }

    private void counted(Exception ex) {
        if (InfrastructureFaults.isInfrastructure(ex)) {
            retries.increment();
            last.set(new Fault(clock.instant(), rootType(ex)));
        }
    }

    private static String rootType(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    @Override
    public Health health() {
        Fault fault = last.get();
        if (fault == null || fault.at().isBefore(clock.instant().minus(RECENT))) {
            return Health.up().build();
        }
        return Health.outOfService().withDetail("listeners", "paused and retrying: database or broker unavailable")
                .withDetail("lastFault", fault.type()).withDetail("lastFaultAt", fault.at().toString()).build();
    }
}
