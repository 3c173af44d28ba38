package io.consentflow.audit.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.consentflow.audit.adapters.mongo.MongoEntryStore;
import io.consentflow.audit.domain.AuditEntry;
import io.consentflow.audit.domain.SigningKeys;
import io.consentflow.audit.domain.SourceRecord;
import io.consentflow.audit.domain.VerificationResult;
import io.consentflow.proof.Sha256;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * A poll spread over many chains is written with one insert command, on the real MongoDB wire protocol with the
 * production log: commands are counted by a driver command listener. A stale hint on one chain in the middle of
 * the poll, a redelivered poll and concurrent appenders of overlapping polls leave every chain contiguous, linked
 * and verifiable.
 */
class PollAppendTests {

    private final String topic = "poll-" + UUID.randomUUID().toString().substring(0, 8);
    private final String database = "audit-poll-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aPollOfManyChainsIsStoredWithOneInsertCommandAndEveryChainVerifies() {
        try (var audit = instance()) {
            List<SourceRecord> poll = poll(40, 0, 6, "main");
            int before = audit.entryInserts.get();
            List<AuditEntry> written = audit.log.append(poll).block(java.time.Duration.ofSeconds(60));
            assertThat(audit.entryInserts.get() - before).isEqualTo(1);
            assertThat(written).hasSize(240);
            // same shape as before: chain after chain, in the order the chains first occur in the poll
            assertThat(written.stream().map(AuditEntry::chainId).distinct().toList())
                    .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(this::chainId).toList());

            List<AuditEntry> next = audit.log.append(poll(40, 6, 4, "main")).block(java.time.Duration.ofSeconds(60));
            assertThat(audit.entryInserts.get() - before).isEqualTo(2);
            assertThat(next).hasSize(160);
            for (int p = 0; p < 40; p++) {
                assertContiguous(audit, p, 10);
            }
            assertValid(audit, 400);
        }
    }

    @Test
    void aStaleHintInTheMiddleOfAPollKeepsTheOtherWritersEntriesAndStoresEveryChain() {
        try (var audit = instance(); var other = instance()) {
            audit.log.append(poll(10, 0, 3, "main")).block(java.time.Duration.ofSeconds(60));
            // another writer (a zombie that still holds partition 5, with no hint of its own) appends first
            assertThat(other.log.append(records(5, 3, 3, "other")).block(java.time.Duration.ofSeconds(60))).hasSize(3);

            int before = audit.entryInserts.get();
            List<AuditEntry> written = audit.log.append(poll(10, 3, 5, "main")).block(java.time.Duration.ofSeconds(60));
            // chains 0-4 stored by the first insert, refused at chain 5; chain 5's rest and chains 6-9 by the second
            assertThat(audit.entryInserts.get() - before).isEqualTo(2);
            assertThat(audit.counter("audit.chain.head.conflicts")).isEqualTo(1);
            assertThat(written).hasSize(9 * 5 + 2);
            assertThat(audit.counter("audit.records.redelivered")).isEqualTo(3);
            for (int p = 0; p < 10; p++) {
                List<Document> chain = assertContiguous(audit, p, 8);
                for (int sequence = 3; sequence < 8; sequence++) {
                    String by = p == 5 && sequence < 6 ? "other" : "main";
                    assertThat(chain.get(sequence).get("payload", Document.class).getString("by"))
                            .as("chain %d position %d", p, sequence).isEqualTo(by);
                }
            }
            assertValid(audit, 80);
        }
    }

    @Test
    void aRedeliveredPollWritesNothingWithOrWithoutHints() {
        try (var audit = instance(); var restarted = instance()) {
            List<SourceRecord> poll = poll(12, 0, 4, "main");
            assertThat(audit.log.append(poll).block(java.time.Duration.ofSeconds(60))).hasSize(48);
            int before = audit.entryInserts.get();

            assertThat(audit.log.append(poll).block(java.time.Duration.ofSeconds(60))).isEmpty();
            assertThat(audit.entryInserts.get()).isEqualTo(before);
            assertThat(audit.counter("audit.records.redelivered")).isEqualTo(48);
            assertThat(audit.counter("audit.entries.appended")).isEqualTo(48);

            // an instance without hints (after a restart) reads every head from the store: still nothing to write
            assertThat(restarted.log.append(poll).block(java.time.Duration.ofSeconds(60))).isEmpty();
            assertThat(restarted.entryInserts.get()).isZero();
            assertThat(restarted.counter("audit.records.redelivered")).isEqualTo(48);

            // a poll that repeats part of the last one and goes on: only the new records, one insert
            List<SourceRecord> overlapping = new ArrayList<>(poll(12, 2, 2, "main"));
            overlapping.addAll(poll(12, 4, 3, "main"));
            assertThat(restarted.log.append(overlapping).block(java.time.Duration.ofSeconds(60))).hasSize(36);
            assertThat(restarted.entryInserts.get()).isEqualTo(1);
            for (int p = 0; p < 12; p++) {
                assertContiguous(restarted, p, 7);
            }
            assertValid(restarted, 84);
        }
    }

    @Test
    void concurrentAppendersOfOverlappingPollsProduceContiguousChains() throws Exception {
        List<SourceRecord> all = poll(8, 0, 30, "main");
        var pool = Executors.newFixedThreadPool(3);
        List<IsolatedAudit> writers = List.of(instance(), instance(), instance());
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int w = 0; w < writers.size(); w++) {
                IsolatedAudit writer = writers.get(w);
                int shift = w * 16;
                tasks.add(() -> {
                    int written = 0;
                    for (int end = shift + 40; end < all.size() + 40; end += 40) {
                        List<SourceRecord> polled = all.subList(Math.max(0, end - 80), Math.min(all.size(), end));
                        written += appendAsTheListenerRetries(writer, polled);
                    }
                    return written;
                });
            }
            int written = 0;
            for (var future : pool.invokeAll(tasks)) {
                written += future.get();
            }
            assertThat(written).isLessThanOrEqualTo(all.size()); // no entry claimed by two writers
            for (int p = 0; p < 8; p++) {
                assertContiguous(writers.get(0), p, 30);
            }
            assertValid(writers.get(0), 240);
        } finally {
            pool.shutdownNow();
            writers.forEach(IsolatedAudit::close);
        }
    }

    /** A refused batch is redelivered by the container's error handler: the same here, bounded. */
    private static int appendAsTheListenerRetries(IsolatedAudit writer, List<SourceRecord> polled) {
        for (int attempt = 0; ; attempt++) {
            try {
                return writer.log.append(polled).block(java.time.Duration.ofSeconds(60)).size();
            } catch (DuplicateEntryException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private List<Document> assertContiguous(IsolatedAudit audit, int partition, int length) {
        List<Document> chain = Flux.from(audit.client.getDatabase(database).getCollection(MongoEntryStore.COLLECTION)
                .find(Filters.eq("chainId", chainId(partition))).sort(Sorts.ascending("sequence")))
                .collectList().block(Duration.ofSeconds(30));
        assertThat(chain).as("chain %d", partition).hasSize(length);
        for (int i = 0; i < length; i++) {
            Document entry = chain.get(i);
            assertThat(entry.getLong("sequence")).isEqualTo(i);
            assertThat(entry.getLong("offset")).isEqualTo(i);
            assertThat(entry.getString("prevHash"))
                    .isEqualTo(i == 0 ? Sha256.GENESIS : chain.get(i - 1).getString("hash"));
        }
        return chain;
    }

    private static void assertValid(IsolatedAudit audit, long entries) {
        VerificationResult result = audit.verification.verifyAll().block(Duration.ofSeconds(60));
        assertThat(result.valid()).as("%s", result.failure()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(entries);
    }

    /** Round-robin over the chains, as a consumer poll interleaves partitions. */
    private List<SourceRecord> poll(int chains, long fromOffset, int perChain, String by) {
        List<SourceRecord> poll = new ArrayList<>();
        for (long offset = fromOffset; offset < fromOffset + perChain; offset++) {
            for (int p = 0; p < chains; p++) {
                poll.add(record(p, offset, by));
            }
        }
        return poll;
    }

    private List<SourceRecord> records(int partition, long fromOffset, int count, String by) {
        return IntStream.range(0, count).mapToObj(i -> record(partition, fromOffset + i, by)).toList();
    }

    /** {@code by} marks which writer stored an entry (a real zombie writes the same records; this tells them apart). */
    private SourceRecord record(int partition, long offset, String by) {
        return new SourceRecord(topic, partition, offset, UUID.randomUUID().toString(), "OptInExpired",
                UUID.randomUUID().toString(), Instant.now(), Map.of("n", offset, "by", by));
    }

    private String chainId(int partition) {
        return AuditEntry.chainId(topic, partition);
    }

    private IsolatedAudit instance() {
        return new IsolatedAudit(database, SigningKeys.DEVELOPMENT_KEY, List.of(), 1_000_000, Duration.ofHours(1));
    }
}
