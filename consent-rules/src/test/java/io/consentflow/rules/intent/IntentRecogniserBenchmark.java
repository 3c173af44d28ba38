package io.consentflow.rules.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Throughput and memory of the recogniser, run only with {@code -Pbench}: classifications per second on one thread
 * over the development messages after a warm-up (target: 50,000/s), and the heap that the lexicons and the model
 * retain (target: 50 MB at most). Prints the figures and writes target/bench.json; asserts nothing about them,
 * since they depend on the machine. Throughput is given per second of the thread's own CPU time as well as of wall-clock time: the
 * machine is shared with other builds, and the CPU figure is the one that says what a core does.
 */
class IntentRecogniserBenchmark {

    private static final long WARM_UP_NANOS = 5_000_000_000L;
    private static final long MEASURE_NANOS = 10_000_000_000L;

    @Test
    void measuresThroughputAndRetainedHeap() throws IOException {
        long retained = retainedHeapOfLexicons();

        List<String> messages = new ArrayList<>();
        DevelopmentTables.read("/development/withdrawal-development.tsv").forEach(row -> messages.add(row.message()));
        DevelopmentTables.read("/development/withdrawal-examples.tsv").forEach(row -> messages.add(row.message()));
        assertThat(messages).isNotEmpty();

        IntentRecogniser recogniser = IntentRecogniser.standard();
        run(recogniser, messages, WARM_UP_NANOS);
        long[] measured = run(recogniser, messages, MEASURE_NANOS);
        double perSecond = measured[0] * 1e9 / measured[2];
        double perWallSecond = measured[0] * 1e9 / measured[1];
        double microsPerMessage = measured[2] / 1e3 / measured[0];

        System.out.printf("IntentRecogniser %s: %,.0f classifications/s per CPU second on one thread (%.2f µs each);"
                + " %,.0f per wall-clock second; %d distinct messages%n", IntentRecogniser.VERSION, perSecond,
                microsPerMessage, perWallSecond, messages.size());
        System.out.printf("IntentRecogniser %s: lexicons and model retain %,d bytes (%.1f MB) of heap%n", IntentRecogniser.VERSION,
                retained, retained / 1048576.0);

        Path out = Path.of("target", "bench.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.format(java.util.Locale.ROOT,
                "{\"benchmark\":\"IntentRecogniser\",\"version\":\"%s\",\"messages\":%d,\"classifications\":%d,"
                        + "\"seconds\":%.3f,\"cpuSeconds\":%.3f,\"classificationsPerSecond\":%.0f,"
                        + "\"classificationsPerWallSecond\":%.0f,\"microsPerClassification\":%.3f,"
                        + "\"retainedHeapBytes\":%d,\"retainedHeapMegabytes\":%.2f,\"java\":\"%s\","
                        + "\"availableProcessors\":%d}%n",
                IntentRecogniser.VERSION, messages.size(), measured[0], measured[1] / 1e9, measured[2] / 1e9, perSecond,
                perWallSecond, microsPerMessage,
                retained, retained / 1048576.0, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /**
     * Classifies the messages round and round for the given wall-clock time; returns {classifications, wall-clock
     * nanoseconds, thread CPU nanoseconds}.
     */
    private static long[] run(IntentRecogniser recogniser, List<String> messages, long nanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long count = 0;
        int sink = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long elapsed;
        do {
            for (String message : messages) {
                sink += recogniser.classify(message).intent().ordinal();
            }
            count += messages.size();
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        if (sink == -1) {
            System.out.println(sink); // keeps the results alive for the JIT
        }
        return new long[] {count, elapsed, threads.getCurrentThreadCpuTime() - cpuStart};
    }

    /**
     * Heap in use after loading the lexicons and the model minus before, each after several full collections. Loads
     * a fresh copy (what {@link IntentRecogniser#standard()} holds) so that the figure does not depend on test order.
     */
    private static long retainedHeapOfLexicons() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        TextFolder.foldWord("warm"); // the folding tables belong to the recogniser too, but load them outside the loop
        long before = settledHeap(memory);
        Lexicons lexicons = Lexicons.load();
        OptOutModel model = OptOutModel.read("model/opt-out.model");
        long after = settledHeap(memory);
        Reference.reachabilityFence(lexicons);
        Reference.reachabilityFence(model);
        long folding = 2L * 65536 * Character.BYTES;
        return after - before + folding;
    }

    private static long settledHeap(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
