package io.consentflow.gateway.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * At most the share of calls leave within any one second, counted when they leave; a call that finds the second full
 * learns how long until a place frees.
 */
class LeaveWindowTest {

    private static final long MS = 1_000_000L;
    private static final long T = 5_000 * MS;

    @Test
    void aBunchOfLateCallsLeavesOnlyUpToTheShareWithinASecond() {
        LeaveWindow window = new LeaveWindow(3);
        // four calls paced 333 ms apart arrive together after a stall: three leave, the fourth is paced again
        assertThat(window.tryLeave(T)).isZero();
        assertThat(window.tryLeave(T + MS)).isZero();
        assertThat(window.tryLeave(T + 2 * MS)).isZero();
        assertThat(window.tryLeave(T + 3 * MS)).isEqualTo(997 * MS);
        assertThat(window.tryLeave(T + 999 * MS)).isEqualTo(MS);
        // one second after the first left, one more may
        assertThat(window.tryLeave(T + 1_000 * MS)).isZero();
        assertThat(window.tryLeave(T + 1_000 * MS)).isEqualTo(MS);
        assertThat(window.tryLeave(T + 1_002 * MS)).isZero();
    }

    @Test
    void callsPacedAtTheShareAllLeave() {
        LeaveWindow window = new LeaveWindow(15);
        long interval = 1_000 * MS / 15 + 1;
        for (int i = 0; i < 150; i++) {
            assertThat(window.tryLeave(T + i * interval)).as("call %d", i).isZero();
        }
    }

    @Test
    void aSmallerShareKeepsCountingTheNewestCallsOfTheLastSecond() {
        LeaveWindow window = new LeaveWindow(4);
        for (int i = 0; i < 4; i++) {
            assertThat(window.tryLeave(T + i * 100 * MS)).isZero();
        }
        window.rate(2);
        // the newest two (300 ms and 200 ms) still count: full until 1,200 ms
        assertThat(window.tryLeave(T + 1_100 * MS)).isEqualTo(100 * MS);
        assertThat(window.tryLeave(T + 1_200 * MS)).isZero();
        window.rate(5);
        assertThat(window.tryLeave(T + 1_201 * MS)).isZero();
        assertThat(window.tryLeave(T + 1_202 * MS)).isZero();
        assertThat(window.tryLeave(T + 1_203 * MS)).isZero();
        assertThat(window.tryLeave(T + 1_204 * MS)).isEqualTo(96 * MS);
        assertThatThrownBy(() -> window.rate(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
