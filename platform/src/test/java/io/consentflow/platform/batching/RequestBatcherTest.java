package io.consentflow.platform.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentflow.platform.batching.RequestBatcher.Pending;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** {@link RequestBatcher}: batches grow while writes are in flight, every request gets its own answer. */
class RequestBatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Each batch written: its requests, and the signal that ends its write (the test decides when). */
    private record Written(List<Integer> requests, Sinks.Empty<Void> done) {
    }

    private final List<Written> written = new CopyOnWriteArrayList<>();

    private Mono<Void> writer(List<Pending<Integer, String>> batch) {
        Written write = new Written(batch.stream().map(Pending::request).toList(), Sinks.empty());
        written.add(write);
        return write.done().asMono().doOnSuccess(done -> batch.forEach(p -> p.sink().success("answer " + p.request())));
    }

    /** Request 0 alone (its write held open), then 1, 2 and 3 while it is in flight; their answers. */
    private List<CompletableFuture<String>> oneThenThreeDuringItsWrite(RequestBatcher<Integer, String> batcher) {
        var first = batcher.submit(0).toFuture();
        Awaitility.await().atMost(WAIT).until(() -> written.size() == 1);
        var all = List.of(first, batcher.submit(1).toFuture(), batcher.submit(2).toFuture(),
                batcher.submit(3).toFuture());
        assertThat(written).as("nothing leaves while the one write allowed is in flight").hasSize(1);
        return all;
    }

    @Test
    void aLoneRequestLeavesAtOnceAndThoseArrivingDuringItsWriteShareTheNextBatch() {
        var answers = oneThenThreeDuringItsWrite(new RequestBatcher<>(100, 1, Duration.ZERO, this::writer));
        var first = answers.get(0);
        var later = answers.subList(1, 4);

        written.get(0).done().tryEmitEmpty();
        assertThat(first.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("answer 0");
        Awaitility.await().atMost(WAIT).until(() -> written.size() == 2);
        assertThat(written.get(1).requests()).as("gathered meanwhile: one batch").containsExactly(1, 2, 3);
        written.get(1).done().tryEmitEmpty();
        assertThat(later).extracting(f -> f.orTimeout(10, TimeUnit.SECONDS).join())
                .containsExactly("answer 1", "answer 2", "answer 3");
    }

    @Test
    void aFailedWriteFailsTheRequestsOfItsBatchOnlyAndBatchesKeepTheirLimit() {
        var answers = oneThenThreeDuringItsWrite(new RequestBatcher<>(2, 1, Duration.ZERO, this::writer));
        var failing = answers.get(0);
        var next = answers.subList(1, 4);

        written.get(0).done().tryEmitError(new IllegalStateException("store down"));
        assertThatThrownBy(() -> failing.orTimeout(10, TimeUnit.SECONDS).join())
                .hasRootCauseInstanceOf(IllegalStateException.class);
        Awaitility.await().atMost(WAIT).until(() -> written.size() == 2);
        assertThat(written.get(1).requests()).as("at most two a batch").containsExactly(1, 2);
        written.get(1).done().tryEmitEmpty();
        Awaitility.await().atMost(WAIT).until(() -> written.size() == 3);
        assertThat(written.get(2).requests()).containsExactly(3);
        written.get(2).done().tryEmitEmpty();
        assertThat(next).extracting(f -> f.orTimeout(10, TimeUnit.SECONDS).join())
                .containsExactly("answer 1", "answer 2", "answer 3");
    }
}
