package io.consentflow.retention;

import io.consentflow.retention.app.DeadlineService;
import io.consentflow.retention.app.DeadlineStore;
import io.consentflow.retention.app.ErasurePublisher;
import io.consentflow.retention.app.ErasureScheduler;
import io.consentflow.retention.app.ErasureStore;
import io.consentflow.retention.domain.Deadline;
import io.consentflow.retention.domain.RetentionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Throughput on the test infrastructure (embedded broker, MongoDB wire server, 2 cores): events applied to deadlines,
 * and due deadlines fired (claim, erasure record, ErasureRequested acked by the broker, FIRED) by two replicas.
 * Run with {@code ./mvnw -q -o -pl retention-service -Pbench verify}; prints a table and writes target/bench.json.
 */
@RetentionServiceTest
class ErasureSchedulerBenchmark {

    private static final int EVENTS = 1000;

    @Autowired
    private DeadlineService deadlineService;
    @Autowired
    private DeadlineStore deadlines;
    @Autowired
    private ErasureStore erasures;
    @Autowired
    private ErasurePublisher publisher;
    @Autowired
    private MutableClock clock;

    @Test
    void measure() throws Exception {
        List<String> subjects = IntStream.range(0, EVENTS).mapToObj(i -> UUID.randomUUID().toString()).toList();
        var past = clock.instant().minus(Duration.ofHours(49));

        long start = System.nanoTime();
        Flux.fromIterable(subjects).flatMap(subject -> deadlineService.handle(RetentionEvent.of(
                RetentionEvent.Type.OPT_IN_REQUESTED, UUID.randomUUID().toString(), subject, past)), 4)
                .blockLast(Duration.ofMinutes(5));
        double eventsPerSecond = EVENTS / seconds(start);

        start = System.nanoTime();
        ErasureScheduler a = replica("bench-a");
        ErasureScheduler b = replica("bench-b");
        while (Mono.zip(a.fireDue().subscribeOn(Schedulers.boundedElastic()),
                b.fireDue().subscribeOn(Schedulers.boundedElastic()), Integer::sum).block() > 0) {
            // until no deadline is due
        }
        long fired = Flux.fromIterable(subjects).flatMap(subject -> deadlines.bySubject(subject))
                .filter(deadline -> deadline.status() == Deadline.Status.FIRED).count().block();
        double firedPerSecond = fired / seconds(start);

        System.out.printf("%n| retention-service benchmark | value |%n|---|---|%n"
                + "| events applied to deadlines (4 in flight) | %.0f /s |%n"
                + "| deadlines fired by 2 replicas (ErasureRequested acked) | %.0f /s (%d of %d) |%n",
                eventsPerSecond, firedPerSecond, fired, EVENTS);
        Files.writeString(Path.of("target/bench.json"), String.format(java.util.Locale.ROOT,
                "{\"eventsAppliedPerSecond\": %.1f, \"deadlinesFiredPerSecond\": %.1f, \"deadlines\": %d}%n",
                eventsPerSecond, firedPerSecond, fired));
    }

    private ErasureScheduler replica(String name) {
        return new ErasureScheduler(name, deadlines, erasures, publisher, clock, Duration.ofMinutes(1),
                Duration.ofHours(1), 500);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
