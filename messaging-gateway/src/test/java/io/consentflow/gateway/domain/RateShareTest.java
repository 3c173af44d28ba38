package io.consentflow.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateShareTest {

    @ParameterizedTest(name = "{0}/s, {1} of {2} partitions: {3}/s")
    @CsvSource({"80,6,6,80", "80,3,6,40", "80,1,6,13", "80,0,6,1", "1000,2,6,333", "1000,6,6,1000", "80,5,12,33"})
    void eachInstanceTakesItsPartitionsShareRoundedDown(int rate, int owned, int partitions, int share) {
        assertThat(RateShare.of(rate, owned, partitions)).isEqualTo(share);
    }

    @Test
    void instancesSplittingThePartitionsNeverExceedTheNumbersRateTogether() {
        Random random = new Random(22);
        for (int round = 0; round < 10_000; round++) {
            int rate = 1 + random.nextInt(1000);
            int partitions = 1 + random.nextInt(24);
            int left = partitions;
            int sum = 0;
            while (left > 0) {
                int owned = 1 + random.nextInt(left);
                sum += RateShare.of(rate, owned, partitions);
                left -= owned;
            }
            // the floor of 1 per instance can only exceed a rate below the number of instances
            assertThat(sum).as("rate %d over %d partitions", rate, partitions)
                    .isLessThanOrEqualTo(Math.max(rate, partitions));
            if (rate >= partitions) {
                assertThat(sum).isLessThanOrEqualTo(rate);
            }
        }
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> RateShare.of(80, 7, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateShare.of(0, 1, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateShare.of(80, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
