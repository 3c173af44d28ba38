package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallPacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void callsArrivingTogetherLeaveOneIntervalApart() {
        CallPacer pacer = new CallPacer(20);
        long now = 5_000 * MS;
        assertThat(List.of(pacer.reserve(now), pacer.reserve(now), pacer.reserve(now), pacer.reserve(now)))
                .containsExactly(0L, 50 * MS, 100 * MS, 150 * MS);
    }

    @Test
    void anIdlePacerLetsTheNextCallLeaveAtOnce() {
        CallPacer pacer = new CallPacer(10);
        assertThat(pacer.reserve(0)).isZero();
        assertThat(pacer.reserve(30 * MS)).isEqualTo(70 * MS);
        assertThat(pacer.reserve(1_000 * MS)).as("long after the last slot").isZero();
    }

    @Test
    void aNewShareSpacesTheNextSlotFromTheLastOnePromised() {
        CallPacer pacer = new CallPacer(10);
        assertThat(pacer.reserve(0)).isZero();
        pacer.rate(100);
        assertThat(pacer.reserve(0)).as("10 ms after the slot promised at the old rate").isEqualTo(10 * MS);
        assertThat(pacer.reserve(0)).isEqualTo(20 * MS);
        pacer.rate(10);
        assertThat(pacer.reserve(0)).isEqualTo(120 * MS);
        assertThatThrownBy(() -> pacer.rate(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLowShareNeverPromisesSlotsBeyondTheHorizonSoARisingShareAppliesToTheWaitingCalls() {
        // an instance that owns no partition while its last calls finish: 1/s
        CallPacer pacer = new CallPacer(1);
        assertThat(pacer.reserve(0)).isZero();
        assertThat(pacer.reserve(0)).isEqualTo(1_000 * MS);
        // hundreds of calls of its batch wait: none is promised a slot minutes ahead at this share
        for (int i = 0; i < 500; i++) {
            assertThat(pacer.reserve(0)).isEqualTo(CallPacer.NOT_YET);
        }
        // its partitions come back: the calls that ask again get slots at the new share, right after the promised ones
        pacer.rate(500);
        long now = CallPacer.ASK_AGAIN_NANOS;
        assertThat(pacer.reserve(now)).isEqualTo(1_002 * MS - now);
        assertThat(pacer.reserve(now)).isEqualTo(1_004 * MS - now);
    }

    /**
     * Seeded bursts and pauses: no second-long window (at any phase) holds more than the rate plus one slot, and a
     * saturated pacer does fill a window to the rate (the positive control).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 15, 80, 333, 1000})
    void noWindowOfASecondHoldsMoreThanTheRatePlusOne(int perSecond) {
        Random random = new Random(42L + perSecond);
        CallPacer pacer = new CallPacer(perSecond);
        List<Long> leaves = new ArrayList<>();
        long now = 0;
        for (int round = 0; round < 20; round++) {
            // a burst (the first one more than a second's worth, so the pacer is saturated), then a pause
            int burst = round == 0 ? 2 * perSecond + 1 : random.nextInt(2 * perSecond + 1);
            for (int i = 0; i < burst; i++) {
                // a call with no slot within the horizon asks again later, as the client does
                long at = now;
                long wait;
                while ((wait = pacer.reserve(at)) == CallPacer.NOT_YET) {
                    at += CallPacer.ASK_AGAIN_NANOS;
                }
                leaves.add(at + wait);
            }
            now += random.nextInt(1_500) * MS;
        }
        int most = 0;
        for (int first = 0, last = 0; first < leaves.size(); first++) {
            while (last < leaves.size() && leaves.get(last) - leaves.get(first) < 1_000 * MS) {
                last++;
            }
            most = Math.max(most, last - first);
        }
        assertThat(most).isLessThanOrEqualTo(perSecond + 1).isGreaterThanOrEqualTo(perSecond);
    }
}
