package io.consentflow.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-backed wire server under what the chaos suite does to it: writers insert and delete without pause while
 * slow collection scans of another collection run, the server is stopped gracefully and started again on the same
 * file and port, and afterwards every acknowledged write is read back and every scan succeeded. MVStore's chunk
 * retention is 0 and its page cache 1 MB here (45 s and 16 MB by default), so chunks are dropped as soon as MVStore
 * may drop them and the scans read their pages from the file.
 */
class LocalMongoServerRestartUnderLoadTest {

    private static final int SEEDED = 10_000;
    private static final int RETENTION_MILLIS = 0;
    private static final int CACHE_MB = 1;

    @TempDir
    Path dir;

    @Test
    void aRestartUnderConcurrentWritesAndScansKeepsEveryAcknowledgedWrite() throws Exception {
        Path file = dir.resolve("wire-server.mv");
        LocalMongoServer first = LocalMongoServer.start(file, "127.0.0.1", 0, RETENTION_MILLIS, CACHE_MB);
        int port = first.address().getPort();
        String uri = first.connectionString() + "/?serverSelectionTimeoutMS=20000";
        Set<String> inserted = ConcurrentHashMap.newKeySet();
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        Queue<String> scanFailures = new ConcurrentLinkedQueue<>();
        AtomicInteger scans = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> claims = client.getDatabase("chaos").getCollection("claims");
            MongoCollection<Document> docs = client.getDatabase("chaos").getCollection("outcomes");
            // both collections written in turn, so their pages share the store's chunks
            for (int from = 0; from < SEEDED; from += 1_000) {
                claims.insertMany(seeds(from));
                docs.insertMany(seeds(from));
            }
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                threads.add(started(() -> write(docs, writer, running, inserted, deleted)));
            }
            threads.add(started(() -> scan(claims, running, scans, scanFailures)));

            TimeUnit.SECONDS.sleep(3);
            first.close();
            try (LocalMongoServer second = LocalMongoServer.start(file, "127.0.0.1", port, RETENTION_MILLIS, CACHE_MB)) {
                TimeUnit.SECONDS.sleep(3);
                running.set(false);
                for (Thread thread : threads) {
                    thread.join(60_000);
                }
                assertThat(scanFailures).isEmpty();
                assertThat(scans.get()).isPositive();
                assertThat(inserted).hasSizeGreaterThan(100);
            }
        } finally {
            running.set(false);
            first.close();
        }
        // read back on a third start, with the default page cache: a second graceful close keeps every write too
        try (LocalMongoServer third = LocalMongoServer.start(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(third.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("chaos").getCollection("outcomes");
            Set<String> stored = new HashSet<>();
            // every id in one read (ids only: the writers' documents carry 1 KB each), compared here: a $in of the
            // ~10,000 deleted ids made the server test each document against the whole list (a minute of CI)
            docs.find().projection(Projections.include("_id")).forEach(doc -> stored.add(doc.getString("_id")));
            // compared as sets: AssertJ's containsAll and doesNotContainAnyElementsOf compare element by element,
            // quadratic over ~20,000 ids (25 of the test's 32 s; 75-88 s on a loaded CI)
            Set<String> lost = new HashSet<>(inserted);
            lost.removeAll(stored);
            assertThat(lost).as("acknowledged inserts missing").isEmpty();
            Set<String> resurrected = new HashSet<>(deleted);
            resurrected.retainAll(stored);
            assertThat(resurrected).as("acknowledged deletes undone").isEmpty();
            assertThat(stored).hasSizeGreaterThanOrEqualTo(SEEDED - deleted.size() + inserted.size());
            assertThat(client.getDatabase("chaos").getCollection("claims").countDocuments()).isEqualTo(SEEDED);
        }
    }

    private static List<Document> seeds(int from) {
        return IntStream.range(from, from + 1_000).mapToObj(i -> new Document("_id", "seed-" + i).append("n", i)
                .append("tag", "t" + (i % 97)).append("count", 0)).toList();
    }

    /** Inserts new documents and increments seeded ones; remembers what was acknowledged, retries across the restart. */
    private static void write(MongoCollection<Document> docs, int writer, AtomicBoolean running, Set<String> inserted,
            Set<String> deleted) {
        String padding = "p".repeat(1_000);
        for (int i = 0; running.get(); i++) {
            int batch = i;
            List<Document> written = IntStream.range(0, 50).mapToObj(k -> new Document("_id",
                    "w" + writer + "-" + batch + "-" + k).append("n", batch).append("padding", padding)).toList();
            // the seeded outcomes go, as settled requests leave message_unsettled: the store's fill rate falls and
            // MVStore's auto-compaction moves the live pages (the claims' too) out of the old chunks
            List<String> gone = IntStream.range(0, 50).mapToObj(k -> "seed-" + ((batch * 100 + writer * 50 + k)
                    % SEEDED)).toList();
            try {
                docs.insertMany(written);
                written.forEach(doc -> inserted.add(doc.getString("_id")));
                docs.deleteMany(Filters.in("_id", gone));
                deleted.addAll(gone);
                // a steady pace, not as fast as the store takes it: the restart needs writes in flight, not a
                // store of hundreds of megabytes for the checks to read back through a 1 MB cache
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (MongoException e) {
                // the server is restarting: the write was not acknowledged, so it is not expected back
                pause();
            }
        }
    }

    /** Collection scans made slow by a long {@code $in} on an unindexed field, as a loaded machine makes them. */
    private static void scan(MongoCollection<Document> docs, AtomicBoolean running, AtomicInteger scans,
            Queue<String> failures) {
        List<String> tags = IntStream.range(0, 50).mapToObj(i -> "x" + i).toList();
        while (running.get()) {
            try {
                docs.countDocuments(Filters.in("tag", tags));
                scans.incrementAndGet();
            } catch (com.mongodb.MongoCommandException e) {
                failures.add(e.getMessage());
            } catch (MongoException e) {
                pause();
            }
        }
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
