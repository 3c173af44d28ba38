package io.consentflow.gateway.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The send listener starts after the send history's restore without holding the ready event (and with it
 * readiness) until the restore is done, and a restore the store does not answer is tried again, never given up.
 */
class SendListenerStartTest {

    private static final Duration QUICK_RETRY = Duration.ofMillis(10);

    @Test
    void theCallerIsNotHeldWhileTheRestoreRunsAndTheListenerWaitsForIt() {
        AtomicInteger started = new AtomicInteger();
        // the old start blocked the caller until the restore completed: with a restore that never ends, forever
        Disposable restoring = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> SendListener.afterPreparation(Mono.never(), started::incrementAndGet, QUICK_RETRY));
        assertThat(started).as("not started before the restore completed").hasValue(0);
        restoring.dispose();
    }

    @Test
    void aRestoreThatFailsIsTriedAgainAndTheListenerStartsOnceItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        Mono<Void> restore = Mono.defer(() -> attempts.incrementAndGet() < 3
                ? Mono.error(new IllegalStateException("the store did not answer")) : Mono.empty());

        SendListener.afterPreparation(restore, started::incrementAndGet, QUICK_RETRY);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(started).hasValue(1));
        assertThat(attempts).hasValue(3);
    }
}
