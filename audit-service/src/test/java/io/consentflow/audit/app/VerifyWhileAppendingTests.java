package io.consentflow.audit.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.audit.domain.SourceRecord;
import io.consentflow.audit.domain.VerificationResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification of the whole log (chains, signatures and the witness folder) while the production log appends polls
 * (ordered inserts spread over many chains) and the checkpoint service signs what is stored and delivers it to the
 * witness, on the real MongoDB wire protocol: every verification that overlaps them must find the log valid, as the
 * staff console's audit page does while the suite runs. Seeded and bounded by the number of polls.
 */
class VerifyWhileAppendingTests {

    private static final long SEED = 21L;
    private static final int POLLS = 300;

    @TempDir
    Path witness;

    @Test
    void everyVerificationDuringAppendsAndCheckpointsFindsTheLogValid() {
        ExecutorService threads = Executors.newFixedThreadPool(2); // the common pool may have one thread only
        try (var audit = new AnchoredAudit("", "", witness)) {
            Random random = new Random(SEED);
            long[] offsets = new long[8];
            AtomicBoolean appending = new AtomicBoolean(true);
            CompletableFuture<Long> appends = CompletableFuture.supplyAsync(() -> {
                long written = 0;
                try {
                    for (int poll = 0; poll < POLLS; poll++) {
                        written += audit.log.append(poll(audit.topic, random, offsets))
                                .block(Duration.ofSeconds(60)).size();
                    }
                } finally {
                    appending.set(false);
                }
                return written;
            }, threads);
            // checkpoints signed and witnessed while polls are inserted, as the timer and the every-N trigger do
            CompletableFuture<Void> checkpoints = CompletableFuture.runAsync(() -> {
                while (appending.get()) {
                    audit.checkpointService.checkpointNow().block(Duration.ofSeconds(60));
                }
            }, threads);
            List<VerificationResult> failures = new ArrayList<>();
            int verifications = 0;
            int overlapped = 0; // verifications during which a checkpoint was written and witnessed
            while (appending.get()) {
                double before = audit.runs("written");
                VerificationResult result = audit.verification.verifyAll().block(Duration.ofSeconds(60));
                verifications++;
                overlapped += audit.runs("written") > before ? 1 : 0;
                if (!result.valid()) {
                    failures.add(result);
                }
            }
            long written = appends.join();
            checkpoints.join();
            audit.checkpointService.checkpointNow().block(Duration.ofSeconds(60));
            VerificationResult last = audit.verification.verifyAll().block(Duration.ofSeconds(60));
            System.out.printf("verify-while-appending: %d entries, %d checkpoints, %d verifications (%d overlapping"
                    + " a checkpoint), %d failed%s%n", written, (long) audit.runs("written"), verifications, overlapped,
                    failures.size(), failures.isEmpty() ? "" : ", first " + failures.get(0));
            assertThat(overlapped).as("verifications that overlapped a checkpoint").isPositive();
            assertThat(failures).as("failures during appends").extracting(VerificationResult::failure).isEmpty();
            assertThat(last.valid()).as("%s", last.failure()).isTrue();
            assertThat(last.entriesChecked()).isEqualTo(written);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Round-robin over a random set of chains, a few records each, as a consumer poll interleaves partitions. */
    private static List<SourceRecord> poll(String topic, Random random, long[] offsets) {
        int chains = 1 + random.nextInt(offsets.length);
        int perChain = 1 + random.nextInt(3);
        List<SourceRecord> poll = new ArrayList<>();
        for (int i = 0; i < perChain; i++) {
            for (int p = 0; p < chains; p++) {
                long offset = offsets[p]++;
                poll.add(new SourceRecord(topic, p, offset, UUID.randomUUID().toString(), "OptInExpired",
                        UUID.randomUUID().toString(), Instant.now(), Map.of("n", offset)));
            }
        }
        return poll;
    }
}
