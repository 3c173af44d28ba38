package io.consentflow.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import reactor.core.publisher.Mono;

/** {@link StartupTask}: its work is done when start returns, before listeners and periodic tasks start. */
class StartupTaskTest {

    @Test
    void startReturnsOnlyOnceTheWorkIsDone() {
        AtomicBoolean done = new AtomicBoolean();
        StartupTask task = task(Mono.delay(Duration.ofMillis(50)).doOnNext(tick -> done.set(true)));

        task.start();

        assertThat(done).isTrue();
        assertThat(task.isRunning()).isTrue();
    }

    @Test
    void aFailedOrHungStartFailsTheApplicationStartNamingTheTask() {
        StartupTask failing = task(Mono.error(new IllegalStateException("index refused")));
        StartupTask hung = new StartupTask("hung-start", Duration.ofMillis(50)) {
            @Override
            protected Mono<?> prepare() {
                return Mono.never();
            }
        };

        assertThatThrownBy(failing::start).hasMessageContaining("test-start failed at start");
        assertThatThrownBy(hung::start).hasMessageContaining("hung-start failed at start");
        assertThat(failing.isRunning()).isFalse();
    }

    @Test
    void startsBeforeListenerContainersAndPeriodicTasks() {
        StartupTask task = task(Mono.empty());

        assertThat(task.getPhase()).isLessThan(AbstractMessageListenerContainer.DEFAULT_PHASE)
                .isLessThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE);
    }

    private static StartupTask task(Mono<?> work) {
        return new StartupTask("test-start", Duration.ofSeconds(5)) {
            @Override
            protected Mono<?> prepare() {
                return work;
            }
        };
    }
}
