package io.consentflow.gateway.adapters.http;

/**
 * The last check before a Cloud API call leaves: at most this instance's share of calls in any one second, counted
 * when they leave. {@code CallPacer} spaces the slots, but between a slot and the moment the call leaves lie the
 * limiter's wait, a late timer and the guard's write of the call record; on a loaded machine those delays vary, calls
 * paced apart left together, and two instances within their shares put 41 calls into one second of a number limited
 * to 30 (SharedSendRateIT, load average ~15). Counting at leaving makes the bound hold whatever came before; a call
 * that finds the second full waits until a place frees and asks its guard again: nothing waits after the guard.
 */
final class LeaveWindow {

    private static final long SECOND = 1_000_000_000L;

    /** The leaving times of the last calls, oldest first from {@code head}; its length is the share. */
    private long[] left;
    private int head;
    private int count;

    LeaveWindow(int perSecond) {
        left = new long[checked(perSecond)];
    }

    /** The share changed: the calls of the last second still count, the newest of them when it shrank. */
    synchronized void rate(int perSecond) {
        long[] resized = new long[checked(perSecond)];
        int kept = Math.min(count, resized.length);
        for (int i = 0; i < kept; i++) {
            resized[i] = left[(head + count - kept + i) % left.length];
        }
        left = resized;
        head = 0;
        count = kept;
    }

    /**
     * Records a call leaving at {@code now} if fewer than the share left within the second before it.
     *
     * @param now the caller's {@code System.nanoTime()}
     * @return 0: recorded, leave now; otherwise the nanoseconds until the oldest call of the full second leaves it
     *         (nothing recorded)
     */
    synchronized long tryLeave(long now) {
        while (count > 0 && now - left[head] >= SECOND) {
            head = (head + 1) % left.length;
            count--;
        }
        if (count == left.length) {
            return left[head] + SECOND - now;
        }
        left[(head + count) % left.length] = now;
        count++;
        return 0;
    }

    private static int checked(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate " + perSecond + "/s");
        }
        return perSecond;
    }
}
