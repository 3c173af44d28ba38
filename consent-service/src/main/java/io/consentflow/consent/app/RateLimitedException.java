package io.consentflow.consent.app;

import java.time.Duration;

/** Too many confirmation requests for one number or from one client address. */
public class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    RateLimitedException(Duration retryAfter) {
        super("confirmation requests rate-limited", null, false, false);
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
