package io.consentflow.consent.optin;

import io.consentflow.consent.config.ConsentProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Fixed-window limits on confirmation messages, per number (by contactKey, never the number itself) and per client
 * address, so the form cannot be used to flood a phone or to spam many phones. Per instance: behind a load balancer
 * with N replicas the effective limit is up to N times higher.
 */
@Component
class RateLimiter {

    private record Window(Instant start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ConsentProperties.RateLimit limits;
    private final Clock clock;

    RateLimiter(ConsentProperties properties, Clock clock) {
        this.limits = properties.rateLimit();
        this.clock = clock;
    }

    /** Takes one slot for both keys, or none; returns how long to wait when a limit is reached. */
    synchronized Optional<Duration> acquire(String contactKey, String clientAddress) {
        Instant now = clock.instant();
        if (windows.size() > 100_000) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(limits.window())));
        }
        String numberKey = "n:" + contactKey;
        String addressKey = "a:" + clientAddress;
        Optional<Duration> wait = waitFor(numberKey, limits.perNumber(), now)
                .or(() -> waitFor(addressKey, limits.perClientAddress(), now));
        if (wait.isPresent()) {
            return wait;
        }
        take(numberKey, now);
        take(addressKey, now);
        return Optional.empty();
    }

    private Optional<Duration> waitFor(String key, int limit, Instant now) {
        Window window = current(key, now);
        if (window.count() < limit) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, window.start().plus(limits.window()));
        return Optional.of(left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left);
    }

    private void take(String key, Instant now) {
        Window window = current(key, now);
        windows.put(key, new Window(window.start(), window.count() + 1));
    }

    private Window current(String key, Instant now) {
        Window window = windows.get(key);
        if (window == null || !now.isBefore(window.start().plus(limits.window()))) {
            return new Window(now, 0);
        }
        return window;
    }
}
