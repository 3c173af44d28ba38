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
    /**
     * How far ahead a slot may be promised. A slot promised at one share is kept when the share changes, so without a
     * bound an instance whose share fell to 1/s (it owned no partition while its last calls finished) promised its
     * hundreds of waiting calls one second apart, and its next calls queued behind them for minutes after its share
     * rose again: requests left without an outcome long after the faults were over.
     */
    public static final long HORIZON_NANOS = SECOND;
    /** What {@link #reserve} answers when no slot is free within the horizon. */
    public static final long NOT_YET = -1;
    /** How long a call that got {@link #NOT_YET} waits before it asks again (at the share current then). */
    public static final long ASK_AGAIN_NANOS = HORIZON_NANOS / 4;

    /** The earliest free slot, in the caller's nanosecond clock. */
    private final AtomicLong nextSlot = new AtomicLong(Long.MIN_VALUE);
    private volatile long interval;

    public CallPacer(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate " + perSecond + "/s");
        }
        interval = interval(perSecond);
    }

    /** Rounded up: {@code perSecond} intervals span a whole second, never 10 ns less (the leave window counts it). */
    private static long interval(int perSecond) {
        return (SECOND + perSecond - 1) / perSecond;
    }

    /**
     * The share changed (a rebalance): the slots promised so far stay, and the next one follows the last of them
     * at the new interval.
     */
    public void rate(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate " + perSecond + "/s");
        }
        long next = interval(perSecond);
        long previous = interval;
        interval = next;
        nextSlot.getAndUpdate(free -> free == Long.MIN_VALUE ? free : free - previous + next);
    }

    /**
     * Reserves the next slot for a call, if it lies within {@link #HORIZON_NANOS} of {@code now}.
     *
     * @param now the caller's {@code System.nanoTime()}
     * @return nanoseconds to wait from {@code now} until the call may leave (0: at once), or {@link #NOT_YET}: nothing
     *         reserved, ask again after {@link #ASK_AGAIN_NANOS}
     */
    public long reserve(long now) {
        while (true) {
            long step = interval;
            long free = nextSlot.get();
            long slot = free == Long.MIN_VALUE || free - now < 0 ? now : free;
            if (slot - now > HORIZON_NANOS) {
                return NOT_YET;
            }
            if (nextSlot.compareAndSet(free, slot + step)) {
                return slot - now;
            }
        }
    }
}
