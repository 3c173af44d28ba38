package io.consentflow.audit.app;

import io.consentflow.platform.scheduling.ReactivePeriodicTask;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The retention policy for salts of contacts no subject ever named (retention-policies.yml, {@code UNLINKED_CONTACT}):
 * no erasure reaches them, so they are shredded on their own once {@code consentflow.audit.unlinked-salts.keep}
 * (7 days, like the gateway's unlinked claims) old. Their entries stay and keep verifying; they can no longer be
 * matched against the number. A contact that writes again later gets a new salt.
 */
@Component
public class UnlinkedSaltExpiry extends ReactivePeriodicTask {

    private final ContactSalts salts;
    private final Clock clock;
    private final Duration keep;

    public UnlinkedSaltExpiry(ContactSalts salts, Clock clock,
            @Value("${consentflow.audit.unlinked-salts.keep:P7D}") Duration keep,
            @Value("${consentflow.audit.unlinked-salts.interval:PT1H}") Duration interval) {
        super("unlinked-salt-expiry", interval, Duration.ofMinutes(5));
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalStateException("consentflow.audit.unlinked-salts.keep must be positive");
        }
        this.salts = salts;
        this.clock = clock;
        this.keep = keep;
    }

    @Override
    protected Mono<Long> run() {
        return expire();
    }

    /** Shreds the unlinked salts older than the policy's period; returns how many. */
    public Mono<Long> expire() {
        return salts.shredUnlinked(clock.instant().minus(keep));
    }
}
