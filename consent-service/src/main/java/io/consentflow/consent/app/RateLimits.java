package io.consentflow.consent.app;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fixed-window counters shared by all instances ({@code consentflow.consent.rate-limit}, bound in config's
 * {@code ConsentProperties}).
 *
 * @param perNumber        confirmation requests from the web/API per number and window
 * @param perClientAddress confirmation requests per client address and window
 * @param startPerNumber   START / Meta resume per number and window (each sends the consent text)
 * @param window           window length
 * @param sweepInterval    how often finished windows are deleted
 */
public record RateLimits(@DefaultValue("3") int perNumber, @DefaultValue("20") int perClientAddress,
        @DefaultValue("3") int startPerNumber, @DefaultValue("1h") Duration window,
        @DefaultValue("10m") Duration sweepInterval) {
}
