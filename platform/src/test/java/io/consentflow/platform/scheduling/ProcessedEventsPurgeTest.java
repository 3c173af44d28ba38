package io.consentflow.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.consentflow.platform.idempotency.IdempotentConsumer;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.mongo.MongoProcessedEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ProcessedEventsPurge} over the wire: a run forgets the ids older than the period kept, and only those. */
class ProcessedEventsPurgeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void aRunForgetsOnlyTheIdsOlderThanThePeriodKept() {
        MongoServer server = new MongoServer(new MemoryBackend());
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoProcessedEvents store = MongoProcessedEvents.in(new MongoCollections(client, "purge"), "processed");
            store.rememberAll(List.of("old-1", "old-2"), NOW.minus(Duration.ofDays(31))).block(WAIT);
            store.rememberAll(List.of("recent"), NOW.minus(Duration.ofDays(29))).block(WAIT);
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            ProcessedEventsPurge purge = new ProcessedEventsPurge("purge-test", new IdempotentConsumer(store, clock),
                    clock, Duration.ofDays(30), Duration.ofHours(1));

            assertThat(purge.run().block(WAIT)).isEqualTo(2L);
            assertThat(store.seenAmong(List.of("old-1", "old-2", "recent")).block(WAIT)).containsExactly("recent");
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void thePeriodKeptMustBePositive() {
        assertThatThrownBy(() -> new ProcessedEventsPurge("purge-test", null, Clock.systemUTC(), Duration.ZERO,
                Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
