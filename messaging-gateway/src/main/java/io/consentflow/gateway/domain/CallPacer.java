package io.consentflow.gateway.domain;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Spaces this instance's Cloud API calls evenly at its share of the number's rate (docs/architecture.md#send). A
 * limiter that hands out a whole second's permits at the start of each cycle lets calls leave in bursts, and a burst
 * delayed across a second boundary lands on the next second's: two instances each within their share then exceeded
 * the number's rate in single seconds (49/s at 30/s). Each call here reserves the next free slot, one interval after
 * the previous one, so any second holds at most {@code share + 1} slots of this instance, whatever the phase of the
 * other instances.
 */
public final class CallPacer {

    private static final long SECOND = 1_000_000_000L;

    /** The earliest free slot, in the caller's nanosecond clock. */
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);
    private volatile long interval;

    public CallPacer(int perSecond) {
        rate(perSecond);
    }

    /** The share changed (a rebalance): slots reserved from now on are spaced by the new interval. */
    public void rate(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate " + perSecond + "/s");
        }
        interval = SECOND / perSecond;
    }

    /**
     * Reserves the next slot for a call.
     *
     * @param now the caller's {@code System.nanoTime()}
     * @return nanoseconds to wait from {@code now} until the call may leave (0: at once)
     */
    public long reserve(long now) {
        long step = interval;
        while (true) {
            long free = nextSlot.get();
            long slot = free == Long.MIN_VALUE || free - now < 0 ? now : free;
            if (nextSlot.compareAndSet(free, slot + step)) {
                return slot - now;
            }
        }
    }
}
