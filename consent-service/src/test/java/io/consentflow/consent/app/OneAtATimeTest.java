package io.consentflow.consent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** {@link OneAtATime}: one piece at a time, in order; a piece that never ends is given up, the next one runs. */
class OneAtATimeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void thePieceAskedForNextStartsOnlyWhenTheOneBeforeHasFinished() {
        OneAtATime gate = new OneAtATime(Duration.ofSeconds(30));
        Sinks.One<String> firstDone = Sinks.one();
        Sinks.One<Boolean> secondStarted = Sinks.one();
        var first = gate.run(firstDone.asMono()).toFuture();
        var second = gate.run(Mono.fromCallable(() -> {
            secondStarted.tryEmitValue(true);
            return "second";
        })).toFuture();

        assertThat(secondStarted.asMono().timeout(Duration.ofMillis(300), Mono.just(false)).block(WAIT))
                .as("waits for the first").isFalse();
        firstDone.tryEmitValue("first");
        assertThat(secondStarted.asMono().block(WAIT)).as("then starts").isTrue();
        assertThat(List.of(first.join(), second.join())).containsExactly("first", "second");
    }

    @Test
    void aPieceThatNeverFinishesFailsAfterTheBoundAndTheNextRuns() {
        OneAtATime gate = new OneAtATime(Duration.ofMillis(200));
        var lost = gate.run(Mono.<String>never()).toFuture();
        var next = gate.run(Mono.just("next"));

        assertThat(next.block(WAIT)).isEqualTo("next");
        assertThatThrownBy(lost::join).hasCauseInstanceOf(TimeoutException.class);
    }
}
