package io.consentflow.platform.idempotency;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.sun.management.OperatingSystemMXBean;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.consentflow.platform.mongo.MongoCollections;
import io.consentflow.platform.mongo.MongoProcessedEvents;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Figures, no assertions: what platform's dedupe adds to a listener batch (issue 27), on mongo-java-server's memory
 * backend over the wire in this JVM, so the process CPU covers client and server. Per batch of fresh eventIds: the
 * MongoDB round trips, wall time and process CPU per event of {@link IdempotentConsumer#process} with an application
 * call that does nothing (so the whole figure is the dedupe); and the same for a redelivered batch (every id seen).
 * <p>
 * {@code ./mvnw -o -Pbench verify -pl platform -am -Dtest=IdempotentConsumerBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class IdempotentConsumerBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WARM_UP = Integer.getInteger("bench.warmUpBatches", 200);
    private static final int MEASURED = Integer.getInteger("bench.batches", 400);
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Test
    void dedupeCostPerBatchAndPerEvent() {
        MongoServer server = new MongoServer(new MemoryBackend());
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollections collections = new MongoCollections(client, "bench");
            for (int batchSize : new int[] {50, 500}) {
                MongoProcessedEvents store = MongoProcessedEvents.in(collections, "processed_" + batchSize);
                store.ensureIndexes().block(WAIT);
                CountingProcessedEvents counting = new CountingProcessedEvents(store);
                IdempotentConsumer consumer = new IdempotentConsumer(counting, Clock.systemUTC());
                run(consumer, counting, batchSize, WARM_UP, false);
                Figures fresh = run(consumer, counting, batchSize, MEASURED, false);
                Figures redelivered = run(consumer, counting, batchSize, MEASURED, true);
                System.out.printf("batch of %d fresh ids: %.1f round trips per batch (find %.1f, insertMany %.1f), "
                        + "%.1f µs wall per event, %.1f µs process CPU per event | redelivered (all seen): "
                        + "%.1f round trips, %.1f µs wall, %.1f µs CPU per event | %d ids stored at the end | load average "
                        + "%.1f on %d cores%n", batchSize, fresh.roundTrips(), fresh.finds(), fresh.inserts(),
                        fresh.wallMicros(), fresh.cpuMicros(), redelivered.roundTrips(), redelivered.wallMicros(),
                        redelivered.cpuMicros(), Mono.from(collections.named("processed_" + batchSize)
                                .countDocuments()).block(WAIT),
                        OS.getSystemLoadAverage(), OS.getAvailableProcessors());
            }
        } finally {
            server.shutdownNow();
        }
    }

    private static Figures run(IdempotentConsumer consumer, CountingProcessedEvents counting, int batchSize, int batches,
            boolean redeliver) {
        List<List<String>> all = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            List<String> ids = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                ids.add(UUID.randomUUID().toString());
            }
            all.add(ids);
        }
        if (redeliver) {
            all.forEach(ids -> consumer.process(ids, id -> id, applied -> Mono.empty()).block(WAIT));
        }
        counting.reset();
        long cpu = OS.getProcessCpuTime();
        long wall = System.nanoTime();
        for (List<String> ids : all) {
            consumer.process(ids, id -> id, applied -> Mono.empty()).block(WAIT);
        }
        double events = (double) batches * batchSize;
        return new Figures((counting.lookups.get() + counting.inserts.get()) / (double) batches,
                counting.lookups.get() / (double) batches, counting.inserts.get() / (double) batches,
                (System.nanoTime() - wall) / events / 1_000, (OS.getProcessCpuTime() - cpu) / events / 1_000);
    }

    record Figures(double roundTrips, double finds, double inserts, double wallMicros, double cpuMicros) {
    }
}
