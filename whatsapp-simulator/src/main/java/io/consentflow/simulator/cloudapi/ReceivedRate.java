package io.consentflow.simulator.cloudapi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the business number receives, second by second: every authenticated send call for the configured number,
 * counted before Meta's throughput limit answers it, so that a sender exceeding the limit shows in the counts
 * instead of hiding behind 130429 refusals. Kept for the last {@link #SECONDS} seconds; the control API reads it
 * (GET /sim/v1/send-rate), e.g. to check that several gateway instances together stay within the number's rate.
 */
@Component
public class ReceivedRate {

    static final int SECONDS = 600;

    /** One second of the wall clock (epoch seconds) and the send calls that arrived in it. */
    public record Second(long second, int received) {
    }

    private final Clock clock;
    private final long[] secondOf = new long[SECONDS];
    private final int[] countOf = new int[SECONDS];

    public ReceivedRate(Clock clock) {
        this.clock = clock;
    }

    public synchronized void received() {
        long second = Math.floorDiv(clock.millis(), 1000);
        int slot = (int) Math.floorMod(second, SECONDS);
        if (secondOf[slot] != second) {
            secondOf[slot] = second;
            countOf[slot] = 0;
        }
        countOf[slot]++;
    }

    /** The seconds of the last {@code seconds} (at most {@link #SECONDS}) in which something arrived, oldest first. */
    public synchronized List<Second> last(int seconds) {
        long now = Math.floorDiv(clock.millis(), 1000);
        List<Second> result = new ArrayList<>();
        for (long second = now - Math.min(seconds, SECONDS) + 1; second <= now; second++) {
            int slot = (int) Math.floorMod(second, SECONDS);
            if (secondOf[slot] == second && countOf[slot] > 0) {
                result.add(new Second(second, countOf[slot]));
            }
        }
        return result;
    }

    public synchronized void reset() {
        java.util.Arrays.fill(secondOf, 0);
        java.util.Arrays.fill(countOf, 0);
    }
}
