package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckedNumbersTest {

    @Test
    void neverHoldsMoreNumbersThanItsCapacity() {
        CheckedNumbers memo = new CheckedNumbers(16);
        assertThat(memo.capacity()).isEqualTo(16);
        for (int i = 0; i < 10_000; i++) {
            memo.check("+49151" + (10_000_000 + i));
            assertThat(memo.size()).isLessThanOrEqualTo(16);
        }
        assertThat(memo.size()).isGreaterThan(8); // and it is used
        assertThat(new CheckedNumbers(100).capacity()).isEqualTo(128);
        assertThat(new CheckedNumbers(Gate.CHECKED_NUMBERS).capacity()).isEqualTo(4096);
    }

    @Test
    void aRepeatedNumberIsAnsweredFromTheMemo() {
        CheckedNumbers memo = new CheckedNumbers(16);
        CheckedNumbers.Valid first = memo.check("+4915112345678");
        assertThat(first).isNotNull();
        assertThat(memo.check("+4915112345678")).isSameAs(first);
        assertThat(first.zones()).isSameAs(first.zones());
        assertThat(memo.check("+4900000000")).isNull();
        assertThat(memo.check("+4900000000")).isNull();
    }

    @Test
    void structurallyImpossibleStringsAreNotMemoised() {
        CheckedNumbers memo = new CheckedNumbers(16);
        for (String bad : new String[] {null, "", "+", "+0151", "4915112345678", "+49 151", "+12345678901234567"}) {
            assertThat(memo.check(bad)).isNull();
        }
        assertThat(memo.size()).isZero();
    }
}
