package io.consentflow.audit.app;

import io.consentflow.platform.scheduling.PeriodicTask;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Verifies the whole log on its own clock ({@code consentflow.audit.verification-interval}, default 6 h; 0 turns it
 * off), so a changed or missing entry raises the verification alert even when nobody asks {@code /verify}. Each
 * instance verifies; the result is the same, the cost a read of the log.
 */
@Service
class ScheduledVerification extends PeriodicTask {

    private final VerificationService verification;
    private final Duration interval;

    ScheduledVerification(VerificationService verification,
            @Value("${consentflow.audit.verification-interval:6h}") Duration interval) {
        super("audit-verification");
        this.verification = verification;
        this.interval = interval;
    }

    @Override
    public boolean isAutoStartup() {
        return !interval.isZero();
    }

    @Override
    protected Duration interval() {
        return interval;
    }

    @Override
    protected void runOnce() {
        verification.verifyAll().block(Duration.ofMinutes(30));
    }
}
