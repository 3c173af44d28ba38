package io.consentflow.consent.app;

import io.consentflow.rules.contact.ContactKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Limits on what makes us send a confirmation: web/API opt-in requests per number and per client address, and START
 * per number (each START sends the consent text). The counters live in MongoDB, so N instances enforce one limit.
 * Keys are stored only as HMAC digests (pepper, domain-separated from contact keys): never a number or an address.
 */
@Component
public class RateLimiter {

    private static final String METRIC = "consent.rate_limit.refused";

    private final RateLimitCounters store;
    private final ContactKeys digests;
    private final RateLimits limits;
    private final Clock clock;
    private final MeterRegistry meters;

    public RateLimiter(RateLimitCounters counters, ContactKeys contactKeys, RateLimits limits, Clock clock,
            MeterRegistry meters) {
        this.store = counters;
        this.digests = contactKeys;
        this.limits = limits;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Takes one confirmation slot for the number and one for the client address, or none: when the address is over
     * its limit the number's slot is given back. Empty when allowed, else how long to wait.
     */
    public Mono<Optional<Duration>> acquireConfirmation(String contactKey, String clientAddress) {
        return Mono.defer(() -> {
            Window window = window();
            String number = digests.of("rate-limit|number|" + contactKey);
            String address = digests.of("rate-limit|address|" + clientAddress);
            return store.increment(number, window.start(), window.end()).flatMap(numberCount -> {
                if (numberCount > limits.perNumber()) {
                    return refused("number", window);
                }
                return store.increment(address, window.start(), window.end()).flatMap(addressCount ->
                        addressCount <= limits.perClientAddress() ? Mono.just(Optional.<Duration>empty())
                                : store.decrement(number, window.start()).then(refused("address", window)));
            });
        });
    }

    /** One START (consent text sent) for this number; false when over the limit: the START is then ignored. */
    public Mono<Boolean> acquireStart(String contactKey) {
        return Mono.defer(() -> {
            Window window = window();
            return store.increment(digests.of("rate-limit|start|" + contactKey), window.start(), window.end())
                    .flatMap(count -> count <= limits.startPerNumber() ? Mono.just(true)
                            : refused("start", window).thenReturn(false));
        });
    }

    /**
     * The one reply a day that asks a contact whether an unclear message meant to unsubscribe; false when this contact
     * had it today (UTC day, the same for every instance). A second unclear message then gets no answer.
     */
    public Mono<Boolean> acquireClarification(String contactKey) {
        return Mono.defer(() -> {
            Window day = window(Duration.ofDays(1).toMillis());
            return store.increment(digests.of("rate-limit|clarify|" + contactKey), day.start(), day.end())
                    .flatMap(count -> count <= 1 ? Mono.just(true) : refused("clarification", day).thenReturn(false));
        });
    }

    /** Deletes finished windows; returns how many. */
    public Mono<Long> sweep() {
        return Mono.defer(() -> store.deleteEndedBefore(clock.instant()));
    }

    public Duration sweepInterval() {
        return limits.sweepInterval();
    }

    private Mono<Optional<Duration>> refused(String limit, Window window) {
        meters.counter(METRIC, "limit", limit).increment();
        Duration left = Duration.between(clock.instant(), window.end());
        return Mono.just(Optional.of(left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left));
    }

    /** Fixed windows aligned to the epoch, so every instance computes the same window for the same instant. */
    private Window window() {
        return window(Math.max(1, limits.window().toMillis()));
    }

    private Window window(long length) {
        long now = clock.millis();
        Instant start = Instant.ofEpochMilli(now - Math.floorMod(now, length));
        return new Window(start, start.plusMillis(length));
    }

    private record Window(Instant start, Instant end) {
    }
}
