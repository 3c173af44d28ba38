package io.consentflow.gateway.app;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * Records a request's call in the message log right before its HTTP request leaves (or before a refusal of it is
 * stored): whoever records it first decides the request, so two attempts at one requestId (a redelivery on another
 * instance while the first still runs) never both call Meta. The records of concurrent requests are batched into one
 * insertMany every {@link #LINGER}, so the record costs the call a short wait, not a round trip of its own.
 */
@Component
class CallDecisions {

    private static final int BATCH = 256;
    /**
     * How long the first record of a batch waits for others. The pacer releases calls evenly (one a millisecond at
     * 1,000/s), and each batch costs two commands (the insert and the STOP fence's read): at 2 ms 40 records released
     * a millisecond apart took 9 inserts, at 10 ms one; in the end-to-end benchmark a batch now holds about 16-20.
     * A call waits about 5 ms on average for its record instead of about 1.
     */
    static final Duration LINGER = Duration.ofMillis(10);
    private static final int WRITES_IN_FLIGHT = 8;

    private record Pending(String requestId, String contactKey, boolean calling, long token, MonoSink<Verdict> sink) {
    }

    /**
     * @param decides this attempt recorded the call first
     * @param stop    a STOP of the recipient another instance recorded (null: none), read after the call's record
     */
    record Verdict(boolean decides, StopFence.Stop stop) {
    }

    private final MessageLog log;
    private final StopFence fence;
    private final Clock clock;
    private final Sinks.Many<Pending> queue = Sinks.many().unicast().onBackpressureBuffer();

    CallDecisions(MessageLog log, StopFence fence, Clock clock) {
        this.log = log;
        this.fence = fence;
        this.clock = clock;
        // fair back-pressure: a batch is cut only when a write may start, never dropped with an overflow error
        // (which would end the subscription and leave every later call waiting for its record)
        queue.asFlux().bufferTimeout(BATCH, LINGER, true).flatMap(this::write, WRITES_IN_FLIGHT).subscribe();
    }

    /**
     * Records that this attempt decides the request: {@code calling}, it is about to call Meta (and the recipient's
     * STOP recorded by any instance is read right after, so none acknowledged before the call leaves is missed);
     * otherwise it stores a refusal. The verdict says whether another attempt decided the request first.
     */
    Mono<Verdict> decide(String requestId, String contactKey, boolean calling) {
        // a token per request, not per batch: the same requestId from two consumers may share a batch
        long token = ThreadLocalRandom.current().nextLong();
        return Mono.create(sink -> {
            synchronized (queue) {
                queue.emitNext(new Pending(requestId, contactKey, calling, token, sink),
                        Sinks.EmitFailureHandler.FAIL_FAST);
            }
        });
    }

    private Mono<Void> write(List<Pending> batch) {
        return log.decide(batch.stream().map(p -> new MessageLog.CallRecord(p.requestId(), p.calling(), p.token()))
                        .toList(), clock.instant())
                .flatMap(won -> fence.find(batch.stream().filter(p -> p.calling() && won.contains(p.requestId()))
                                .map(Pending::contactKey).distinct().toList())
                        .doOnNext(stops -> batch.forEach(p -> p.sink().success(new Verdict(won.contains(p.requestId()),
                                p.calling() ? stops.get(p.contactKey()) : null)))))
                .onErrorResume(error -> {
                    // the attempts fail, their batch fails, and the listener retries it once the database is back
                    batch.forEach(p -> p.sink().error(error));
                    return Mono.empty();
                }).then();
    }
}
