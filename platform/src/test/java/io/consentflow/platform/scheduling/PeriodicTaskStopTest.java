package io.consentflow.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link PeriodicTask#stop()}: once it returns, a run that was in progress has ended. */
class PeriodicTaskStopTest {

    @Test
    void stopReturnsOnlyOnceTheRunInProgressHasEnded() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        class SlowTask extends PeriodicTask {
            SlowTask() {
                super("stop-test", Duration.ofHours(1));
            }

            void runNow() {
                runSoon();
            }

            @Override
            protected void runOnce() {
                running.countDown();
                // work that does not answer the interrupt, as a blocking driver call may not
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                ended.set(true);
            }
        }
        SlowTask task = new SlowTask();
        task.start();
        task.runNow();
        assertThat(running.await(5, TimeUnit.SECONDS)).as("the first run began").isTrue();

        task.stop();

        assertThat(ended).as("the run had ended when stop returned").isTrue();
        assertThat(task.isRunning()).isFalse();
    }
}
