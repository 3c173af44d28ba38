package io.consentflow.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.mongo.MongoProcessedEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

/** {@link IdempotentConsumer} on {@link MongoProcessedEvents} over the MongoDB wire protocol (mongo-java-server). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private MongoServer server;
    private MongoClient client;
    private MongoCollections collections;

    @BeforeAll
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        collections = new MongoCollections(client, "idempotency");
    }

    @AfterAll
    void stop() {
        client.close();
        server.shutdownNow();
    }

    /** A consumer's own collection, fresh per test. */
    private MongoProcessedEvents store(TestInfo test) {
        MongoProcessedEvents store = MongoProcessedEvents.in(collections, test.getTestMethod().orElseThrow().getName());
        store.ensureIndexes().block(WAIT);
        return store;
    }

    @Test
    void aBatchWithSeenAndUnseenIdsAppliesOnlyTheUnseenOnesInOrderOnceEach(TestInfo test) {
        MongoProcessedEvents store = store(test);
        IdempotentConsumer consumer = new IdempotentConsumer(store, fixed(NOW));
        Applied applied = new Applied();
        consumer.process(List.of("a1", "a2"), id -> id, applied::apply).block(WAIT);

        consumer.process(List.of("a2", "a3", "a1", "a4", "a3"), id -> id, applied::apply).block(WAIT);

        assertThat(applied.batches).containsExactly(List.of("a1", "a2"), List.of("a3", "a4"));
        assertThat(store.seenAmong(List.of("a1", "a2", "a3", "a4", "a5")).block(WAIT))
                .containsExactlyInAnyOrder("a1", "a2", "a3", "a4");
    }

    @Test
    void aBatchSeenCompletelyMakesNoApplicationCall(TestInfo test) {
        IdempotentConsumer consumer = new IdempotentConsumer(store(test), fixed(NOW));
        Applied applied = new Applied();
        consumer.process(List.of("b1", "b2"), id -> id, applied::apply).block(WAIT);

        consumer.process(List.of("b2", "b1"), id -> id, applied::apply).block(WAIT);

        assertThat(applied.batches).containsExactly(List.of("b1", "b2"));
    }

    @Test
    void aFailedApplyRemembersNothingSoTheRedeliveryIsApplied(TestInfo test) {
        MongoProcessedEvents store = store(test);
        IdempotentConsumer consumer = new IdempotentConsumer(store, fixed(NOW));
        Applied applied = new Applied();

        assertThatThrownBy(() -> consumer.process(List.of("c1", "c2"), id -> id,
                batch -> Mono.error(new IllegalStateException("store down"))).block(WAIT))
                .hasMessageContaining("store down");
        assertThat(store.seenAmong(List.of("c1", "c2")).block(WAIT)).isEmpty();

        consumer.process(List.of("c1", "c2"), id -> id, applied::apply).block(WAIT);
        assertThat(applied.batches).containsExactly(List.of("c1", "c2"));
    }

    @Test
    void aCrashBetweenApplyAndRememberAppliesTheBatchAgainOnRedelivery(TestInfo test) {
        // the documented window: the process dies (here: the remember fails) after the apply succeeded
        CrashingOnFirstRemember store = new CrashingOnFirstRemember(store(test));
        IdempotentConsumer consumer = new IdempotentConsumer(store, fixed(NOW));
        Applied applied = new Applied();

        assertThatThrownBy(() -> consumer.process(List.of("d1", "d2"), id -> id, applied::apply).block(WAIT))
                .hasMessageContaining("crashed");
        consumer.process(List.of("d1", "d2"), id -> id, applied::apply).block(WAIT);
        consumer.process(List.of("d1", "d2"), id -> id, applied::apply).block(WAIT);

        assertThat(applied.batches).as("applied before the crash, again on redelivery, then never")
                .containsExactly(List.of("d1", "d2"), List.of("d1", "d2"));
    }

    @Test
    void eventsNotRememberedAreAppliedOnEveryDeliveryAndNeverLookedUp(TestInfo test) {
        CountingStore store = new CountingStore(store(test));
        IdempotentConsumer consumer = new IdempotentConsumer(store, fixed(NOW));
        Applied applied = new Applied();
        List<String> batch = List.of("e1", "repeatable-e2", "repeatable-e2");

        consumer.process(batch, id -> id, id -> !id.startsWith("repeatable"), applied::apply).block(WAIT);
        consumer.process(batch, id -> id, id -> !id.startsWith("repeatable"), applied::apply).block(WAIT);

        assertThat(applied.batches).containsExactly(List.of("e1", "repeatable-e2"), List.of("repeatable-e2"));
        assertThat(store.lookedUp).containsExactly("e1", "e1");
        assertThat(store.seenAmong(List.of("e1", "repeatable-e2")).block(WAIT)).containsExactly("e1");
    }

    @Test
    void oneLookupAndOneInsertPerBatch(TestInfo test) {
        CountingStore store = new CountingStore(store(test));
        IdempotentConsumer consumer = new IdempotentConsumer(store, fixed(NOW));
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add("f" + i);
        }

        consumer.process(batch, id -> id, ids -> Mono.empty()).block(WAIT);

        assertThat(store.lookups.get()).isEqualTo(1);
        assertThat(store.inserts.get()).isEqualTo(1);
        assertThat(store.seenAmong(batch).block(WAIT)).hasSize(500);
    }

    @Test
    void anEventWithoutAnIdFailsTheBatchBeforeAnyApplication(TestInfo test) {
        IdempotentConsumer consumer = new IdempotentConsumer(store(test), fixed(NOW));
        Applied applied = new Applied();
        List<String> batch = new ArrayList<>(List.of("g1"));
        batch.add(null);

        assertThatThrownBy(() -> consumer.process(batch, id -> id, applied::apply).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without an id");
        assertThat(applied.batches).isEmpty();
    }

    @Test
    void forgottenIdsAreAppliedAgainAndRecentOnesAreNot(TestInfo test) {
        MongoProcessedEvents store = store(test);
        Applied applied = new Applied();
        new IdempotentConsumer(store, fixed(NOW.minus(Duration.ofDays(31)))).process(List.of("old"), id -> id,
                applied::apply).block(WAIT);
        IdempotentConsumer consumer = new IdempotentConsumer(store, fixed(NOW));
        consumer.process(List.of("recent"), id -> id, applied::apply).block(WAIT);

        assertThat(consumer.forgetBefore(NOW.minus(Duration.ofDays(30))).block(WAIT)).isEqualTo(1L);
        consumer.process(List.of("old", "recent"), id -> id, applied::apply).block(WAIT);

        assertThat(applied.batches).containsExactly(List.of("old"), List.of("recent"), List.of("old"));
    }

    private static Clock fixed(Instant at) {
        return Clock.fixed(at, ZoneOffset.UTC);
    }

    /** The application call: records each batch it was given. */
    private static final class Applied {
        final List<List<String>> batches = new ArrayList<>();

        Mono<Void> apply(List<String> batch) {
            return Mono.fromRunnable(() -> batches.add(List.copyOf(batch)));
        }
    }

    /** Fault injection around the real store: the first remember never happens, as if the process died before it. */
    private static final class CrashingOnFirstRemember implements ProcessedEvents {
        private final ProcessedEvents store;
        private final AtomicInteger remembers = new AtomicInteger();

        CrashingOnFirstRemember(ProcessedEvents store) {
            this.store = store;
        }

        @Override
        public Mono<Set<String>> seenAmong(Collection<String> eventIds) {
            return store.seenAmong(eventIds);
        }

        @Override
        public Mono<Void> rememberAll(Collection<String> eventIds, Instant at) {
            return remembers.getAndIncrement() == 0 ? Mono.error(new IllegalStateException("crashed"))
                    : store.rememberAll(eventIds, at);
        }

        @Override
        public Mono<Long> forgetBefore(Instant cutoff) {
            return store.forgetBefore(cutoff);
        }
    }

    /** Counts the real store's round trips and the ids looked up. */
    private static final class CountingStore implements ProcessedEvents {
        private final ProcessedEvents store;
        final AtomicInteger lookups = new AtomicInteger();
        final AtomicInteger inserts = new AtomicInteger();
        final List<String> lookedUp = new ArrayList<>();

        CountingStore(ProcessedEvents store) {
            this.store = store;
        }

        @Override
        public Mono<Set<String>> seenAmong(Collection<String> eventIds) {
            lookups.incrementAndGet();
            lookedUp.addAll(eventIds);
            return store.seenAmong(eventIds);
        }

        @Override
        public Mono<Void> rememberAll(Collection<String> eventIds, Instant at) {
            inserts.incrementAndGet();
            return store.rememberAll(eventIds, at);
        }

        @Override
        public Mono<Long> forgetBefore(Instant cutoff) {
            return store.forgetBefore(cutoff);
        }
    }
}
