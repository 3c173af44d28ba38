package io.consentflow.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RecentProcessedEventsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void remembersTheMostRecentIdsUpToItsCapacity() {
        var recent = new RecentProcessedEvents(3);
        recent.rememberAll(List.of("a", "b"), T0).block();
        recent.rememberAll(List.of("c", "d"), T0.plusSeconds(1)).block();
        assertThat(recent.seenAmong(List.of("a", "b", "c", "d", "e")).block()).containsExactlyInAnyOrder("b", "c", "d");
    }

    @Test
    void forgetsWhatWasRememberedBeforeTheCutoff() {
        var recent = new RecentProcessedEvents(10);
        recent.rememberAll(List.of("old"), T0).block();
        recent.rememberAll(List.of("new"), T0.plusSeconds(60)).block();
        assertThat(recent.forgetBefore(T0.plusSeconds(30)).block()).isEqualTo(1);
        assertThat(recent.seenAmong(List.of("old", "new")).block()).containsExactly("new");
    }

    @Test
    void behindTheIdempotentConsumerARedeliveredPollIsNotAppliedAgain() {
        var consumer = new IdempotentConsumer(new RecentProcessedEvents(100), Clock.fixed(T0, ZoneOffset.UTC));
        List<List<String>> applied = new ArrayList<>();
        consumer.process(List.of("p/0/1", "p/0/2"), id -> id, batch -> Mono.fromRunnable(() -> applied.add(batch)))
                .block();
        consumer.process(List.of("p/0/2", "p/0/3"), id -> id, batch -> Mono.fromRunnable(() -> applied.add(batch)))
                .block();
        assertThat(applied).containsExactly(List.of("p/0/1", "p/0/2"), List.of("p/0/3"));
        assertThat(new RecentProcessedEvents(1).seenAmong(Set.of("x")).block()).isEmpty();
        assertThatThrownBy(() -> new RecentProcessedEvents(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
