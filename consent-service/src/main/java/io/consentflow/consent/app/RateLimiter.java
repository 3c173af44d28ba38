package io.consentflow.consent.app;

import io.consentflow.rules.contact.ContactKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** A batch's counting (two or three commands) past this fails, and the next batch counts. */
    private final OneAtATime batchAtATime = new OneAtATime(Duration.ofSeconds(30));

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
        // one way of counting: a lone request is a batch of one
        return acquireConfirmations(List.of(new ConfirmationAttempt(contactKey, clientAddress)))
                .map(answers -> answers.get(0));
    }

    /** A request for a confirmation: the number's contact key and the client's address. */
    public record ConfirmationAttempt(String contactKey, String clientAddress) {
    }

    /**
     * {@link #acquireConfirmation} for many requests in shared commands: every counter the batch touches is
     * incremented by its number of attempts in one bulk and read back, then each attempt is judged in batch order
     * exactly as alone (a refused number does not count against its address; a refused address gives the number's
     * slot back), from the count before the batch; what alone would not have counted is given back in one more bulk.
     * Two attempts for one number count twice. This instance counts one batch at a time, so each reads back its own
     * increments and those before it; another instance's batch counted in between only makes the counts higher, the
     * judgement stricter, never the limits looser. One answer per attempt, in order: empty when allowed, else how
     * long to wait.
     */
    public Mono<List<Optional<Duration>>> acquireConfirmations(List<ConfirmationAttempt> attempts) {
        return batchAtATime.run(Mono.defer(() -> {
            Window window = window();
            List<String> numbers = new ArrayList<>(attempts.size());
            List<String> addresses = new ArrayList<>(attempts.size());
            Map<String, Long> increments = new LinkedHashMap<>();
            for (ConfirmationAttempt attempt : attempts) {
                numbers.add(digests.of("rate-limit|number|" + attempt.contactKey()));
                addresses.add(digests.of("rate-limit|address|" + attempt.clientAddress()));
                increments.merge(numbers.get(numbers.size() - 1), 1L, Long::sum);
                increments.merge(addresses.get(addresses.size() - 1), 1L, Long::sum);
            }
            return store.incrementAll(increments, window.start(), window.end()).flatMap(after -> {
                Map<String, Long> counted = new HashMap<>();
                after.forEach((digest, count) -> counted.put(digest, count - increments.get(digest)));
                Map<String, Long> giveBack = new LinkedHashMap<>();
                List<Optional<Duration>> answers = new ArrayList<>(attempts.size());
                for (int i = 0; i < attempts.size(); i++) {
                    String number = numbers.get(i);
                    String address = addresses.get(i);
                    if (counted.merge(number, 1L, Long::sum) > limits.perNumber()) {
                        giveBack.merge(address, 1L, Long::sum);
                        answers.add(refusal("number", window));
                    } else if (counted.merge(address, 1L, Long::sum) > limits.perClientAddress()) {
                        counted.merge(number, -1L, Long::sum);
                        giveBack.merge(number, 1L, Long::sum);
                        answers.add(refusal("address", window));
                    } else {
                        answers.add(Optional.empty());
                    }
                }
                return store.decrementAll(giveBack, window.start()).thenReturn(answers);
            });
        }));
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

    private Mono<Optional<Duration>> refused(String limit, Window window) { // START and clarification limits
        return Mono.just(refusal(limit, window));
    }

    private Optional<Duration> refusal(String limit, Window window) {
        meters.counter(METRIC, "limit", limit).increment();
        Duration left = Duration.between(clock.instant(), window.end());
        return Optional.of(left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
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
