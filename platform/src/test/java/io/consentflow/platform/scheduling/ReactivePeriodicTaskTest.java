package io.consentflow.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** {@link ReactivePeriodicTask}: platform blocks on the task's Mono, on the task's thread, with its timeout. */
class ReactivePeriodicTaskTest {

    @Test
    void prepareCompletesBeforeTheFirstRunAndRunsHappenOnTheTasksThread() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch twoRuns = new CountDownLatch(2);
        ReactivePeriodicTask task = new ReactivePeriodicTask("reactive-test", Duration.ofMillis(10),
                Duration.ofSeconds(5)) {
            @Override
            protected Mono<?> prepare() {
                return Mono.delay(Duration.ofMillis(50)).doOnNext(tick -> seen.add("prepared"));
            }

            @Override
            protected Mono<?> run() {
                return Mono.fromRunnable(() -> {
                    seen.add("run on " + Thread.currentThread().getName());
                    twoRuns.countDown();
                });
            }
        };
        task.start();
        try {
            assertThat(seen).as("start returns once prepare completed").containsExactly("prepared");
            assertThat(twoRuns.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            task.stop();
        }
        assertThat(seen.get(1)).isEqualTo("run on reactive-test");
    }

    @Test
    void aRunExceedingItsTimeoutIsCancelledAndTheNextRunStillHappens() throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch nextRun = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        ReactivePeriodicTask task = new ReactivePeriodicTask("timeout-test", Duration.ofMillis(10),
                Duration.ofMillis(100)) {
            @Override
            protected Mono<?> run() {
                return runs.getAndIncrement() == 0 ? Mono.never().doOnCancel(cancelled::countDown)
                        : Mono.fromRunnable(nextRun::countDown);
            }
        };
        task.start();
        try {
            assertThat(cancelled.await(5, TimeUnit.SECONDS)).as("the hung run is cancelled").isTrue();
            assertThat(nextRun.await(5, TimeUnit.SECONDS)).as("and the schedule goes on").isTrue();
        } finally {
            task.stop();
        }
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> new ReactivePeriodicTask("no-timeout", Duration.ofSeconds(1), Duration.ZERO) {
            @Override
            protected Mono<?> run() {
                return Mono.empty();
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
