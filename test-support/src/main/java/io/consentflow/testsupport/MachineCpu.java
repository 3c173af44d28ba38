package io.consentflow.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole machine's CPU between construction and a reading, from the first line of {@code /proc/stat}: how busy
 * it was (every process, not only ours) and how much the hypervisor took away (steal). On a virtual machine a run
 * with steal measured a shared host, not the code: benchmarks print both beside their rates. Empty where
 * {@code /proc/stat} does not exist.
 */
public final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");
    private final long[] start = read();

    /**
     * Lets a benchmark round's aftermath pass before the next is measured: its garbage collected, and every process
     * quiet (the machine under 10 % busy for half a second; at most 10 s).
     */
    public static void settle() throws InterruptedException {
        System.gc();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            var quiet = new MachineCpu();
            Thread.sleep(500);
            if (quiet.percentSince().getOrDefault("busy %", 0.0) < 10) {
                return;
            }
        }
    }

    /** {@code busy %} and {@code steal %} of all cores' time since construction; empty off Linux. */
    public Map<String, Double> percentSince() {
        long[] now = read();
        Map<String, Double> shares = new LinkedHashMap<>();
        if (now.length < 8 || start.length < 8) {
            return shares;
        }
        long total = 0;
        long[] delta = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            delta[i] = now[i] - start[i];
            total += i < 8 ? delta[i] : 0; // guest times are already counted in user and nice
        }
        if (total <= 0) {
            return shares;
        }
        // user nice system idle iowait irq softirq steal
        long busy = delta[0] + delta[1] + delta[2] + delta[5] + delta[6];
        shares.put("busy %", Math.round(1_000.0 * busy / total) / 10.0);
        shares.put("steal %", Math.round(1_000.0 * delta[7] / total) / 10.0);
        return shares;
    }

    private static long[] read() {
        try {
            String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
            long[] values = new long[fields.length - 1];
            for (int i = 1; i < fields.length; i++) {
                values[i - 1] = Long.parseLong(fields[i]);
            }
            return values;
        } catch (IOException | RuntimeException e) {
            return new long[0];
        }
    }
}
