package io.consentflow.audit.adapters.mongo;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.consentflow.audit.app.AuditLog;
import io.consentflow.audit.app.CheckpointSchedule;
import io.consentflow.audit.app.VerificationService;
import io.consentflow.audit.config.AuditProperties;
import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.audit.domain.SourceRecord;
import io.consentflow.audit.domain.VerificationResult;
import io.consentflow.proof.Sha256;
import io.consentflow.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import io.consentflow.platform.mongo.MongoCollections;
import reactor.core.publisher.Mono;

/**
 * Appends per second with chaining (head read per chain and batch, canonical encoding, SHA-256, ordered insert
 * guarded by the unique chain-position index) against plain batched inserts of the same documents into a collection
 * with the same indexes: same store, same run. Then the time to verify everything appended. Prints a table and
 * writes target/bench.json. Run: ./mvnw -q -o -pl audit-service -Pbench verify
 */
class AppendBenchmark {

    static final int RECORDS = Integer.getInteger("bench.records", 100_000);
    static final int BATCH = 500;
    static final int CHAINS = 6;
    /** A consumer poll of the end-to-end suite spreads its records over about this many chains (topic-partitions). */
    static final int POLL_CHAINS = 40;

    @Test
    void chainedAppendAgainstPlainInsertAndVerifyTime() throws Exception {
        String database = "audit-bench-" + UUID.randomUUID().toString().substring(0, 8);
        try (MongoClient client = MongoClients.create(TestInfrastructure.get().mongoUri())) {
            var factory = new MongoCollections(client, database);
            var entries = new MongoEntryStore(factory);
            var properties = new AuditProperties(SigningKeys.DEVELOPMENT_KEY, "bench-salt",
                    new AuditProperties.Signing(java.util.List.of()),
                    new CheckpointSchedule(Integer.MAX_VALUE, Duration.ofHours(1)),
                    new AuditProperties.Listener(1));
            var log = new AuditLog(entries, Clock.systemUTC(), new SimpleMeterRegistry(), properties.checkpoint());
            log.load().block(java.time.Duration.ofSeconds(60));
            MongoCollection<Document> plain = factory.named("bench_plain");
            Mono.from(plain.createIndex(Indexes.ascending("chainId", "sequence"), new IndexOptions().unique(true)))
                    .block();

            // warm-up of both paths (JIT, connection pool) on their own chains and ids
            runChained(log, "warm", 10_000, CHAINS);
            runChained(log, "warm-poll", 10_000, POLL_CHAINS);
            runPlain(plain, "warm", 10_000);

            double plainRate = runPlain(plain, "bench", RECORDS);
            double chainedRate = runChained(log, "bench", RECORDS, CHAINS);
            double pollRate = runChained(log, "bench-poll", RECORDS, POLL_CHAINS);

            var verification = new VerificationService(entries, new MongoCheckpointStore(factory),
                    io.consentflow.audit.domain.VerificationKeys.currentOnly(
                            SigningKeys.fromPkcs8Base64(SigningKeys.DEVELOPMENT_KEY).publicKey()),
                    new SimpleMeterRegistry());
            long started = System.nanoTime();
            VerificationResult result = verification.verifyAll().block();
            double verifySeconds = (System.nanoTime() - started) / 1e9;
            if (!result.valid()) {
                throw new AssertionError("benchmark log does not verify: " + result.failure());
            }
            double perMillion = verifySeconds * 1_000_000 / result.entriesChecked();
            double ratio = 100 * chainedRate / plainRate;

            System.out.printf(Locale.ROOT, "%n%-48s %14s%n", "audit-service append benchmark", "value");
            System.out.printf(Locale.ROOT, "%-48s %14d%n", "records per run (batches of " + BATCH + ", " + CHAINS
                    + " chains)", RECORDS);
            System.out.printf(Locale.ROOT, "%-48s %14.0f%n", "plain batched insert (docs/s)", plainRate);
            System.out.printf(Locale.ROOT, "%-48s %14.0f%n", "chained append (entries/s)", chainedRate);
            System.out.printf(Locale.ROOT, "%-48s %13.1f%%%n", "chained / plain", ratio);
            System.out.printf(Locale.ROOT, "%-48s %14.0f%n", "chained append, " + POLL_CHAINS
                    + " chains per batch (entries/s)", pollRate);
            System.out.printf(Locale.ROOT, "%-48s %14d%n", "entries verified", result.entriesChecked());
            System.out.printf(Locale.ROOT, "%-48s %14.2f%n", "verify time (s)", verifySeconds);
            System.out.printf(Locale.ROOT, "%-48s %14.1f%n", "verify time per million, extrapolated (s)", perMillion);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/bench.json"), String.format(Locale.ROOT,
                    "{\"records\":%d,\"batch\":%d,\"chains\":%d,\"plainInsertPerSecond\":%.0f,"
                            + "\"chainedAppendPerSecond\":%.0f,\"chainedToPlainPercent\":%.1f,"
                            + "\"pollChains\":%d,\"chainedAppendPollChainsPerSecond\":%.0f,"
                            + "\"entriesVerified\":%d,\"verifySeconds\":%.2f,"
                            + "\"verifySecondsPerMillionExtrapolated\":%.1f,\"store\":\"%s\"}%n",
                    RECORDS, BATCH, CHAINS, plainRate, chainedRate, ratio, POLL_CHAINS, pollRate,
                    result.entriesChecked(), verifySeconds,
                    perMillion, TestInfrastructure.get().mode()));
        }
    }

    private static double runChained(AuditLog log, String prefix, int count, int chains) {
        List<SourceRecord> records = records(prefix, count, chains);
        long started = System.nanoTime();
        for (int i = 0; i < count; i += BATCH) {
            log.append(records.subList(i, Math.min(count, i + BATCH))).block(java.time.Duration.ofSeconds(60));
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    /** The same documents, shaped as entries, inserted without chaining (no head read, no encoding, no hashing). */
    private static double runPlain(MongoCollection<Document> plain, String prefix, int count) {
        List<SourceRecord> records = records(prefix, count, CHAINS);
        Instant now = Instant.now();
        long[] sequence = new long[CHAINS];
        List<Document> documents = new ArrayList<>(count);
        for (SourceRecord r : records) {
            documents.add(EntryDocuments.toDocument(new AuditEntry(r.chainId(), sequence[r.partition()]++, r.topic(),
                    r.partition(), r.offset(), r.eventId(), r.type(), r.subjectId(), r.occurredAt(), now, r.payload(),
                    Sha256.GENESIS, Sha256.GENESIS)));
        }
        long started = System.nanoTime();
        for (int i = 0; i < count; i += BATCH) {
            Mono.from(plain.insertMany(documents.subList(i, Math.min(count, i + BATCH)))).block();
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    /** Round-robin over the chains, so every batch of {@link #BATCH} touches each of them (as a poll does). */
    private static List<SourceRecord> records(String prefix, int count, int chains) {
        List<SourceRecord> records = new ArrayList<>(count);
        Instant at = Instant.parse("2026-11-29T00:00:00Z");
        for (int i = 0; i < count; i++) {
            int partition = i % chains;
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("optInId", UUID.randomUUID().toString());
            payload.put("purposes", List.of("offers", "event-updates"));
            payload.put("method", "QUICK_REPLY");
            payload.put("evidenceDigest", "sd:" + "ab".repeat(32));
            records.add(new SourceRecord(prefix + "-consent-events", partition, i / chains,
                    UUID.randomUUID().toString(), "OptInConfirmed", UUID.randomUUID().toString(), at.plusMillis(i),
                    payload));
        }
        return records;
    }
}
