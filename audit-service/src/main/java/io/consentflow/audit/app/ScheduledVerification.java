package io.consentflow.audit.app;

import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Verifies the whole log on its own clock ({@code consentflow.audit.verification-interval}, default 6 h; 0 turns it
 * off), so a changed or missing entry raises the verification alert even when nobody asks {@code /verify}. Each
 * instance verifies; the result is the same, the cost a read of the log.
 */
@Service
class ScheduledVerification extends ReactivePeriodicTask {

    private final VerificationService verification;
    private final Duration interval;

    ScheduledVerification(VerificationService verification,
            @Value("${consentflow.audit.verification-interval:6h}") Duration interval) {
        super("audit-verification", Duration.ofMinutes(30));
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
    protected Mono<?> run() {
        return verification.verifyAll();
    }
}
