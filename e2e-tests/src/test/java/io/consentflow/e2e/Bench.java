package io.consentflow.e2e;

import java.util.Arrays;
import java.util.Collection;

/** Small helpers of the benchmark: latency percentiles and pauses. */
final class Bench {

    private Bench() {
    }

    /** Nearest-rank percentile (p in 0..100) of the samples, or -1 without samples. */
    static long percentile(Collection<Long> samples, double p) {
        if (samples.isEmpty()) {
            return -1;
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static double perSecond(long count, long millis) {
        return millis <= 0 ? 0 : Math.round(count * 10_000.0 / millis) / 10.0;
    }
}
