package io.consentflow.gateway.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An instance's partitions are counted per consumer: a late "lost" of one consumer leaves another's partition. */
class PartitionOwnersTest {

    private final Object first = new Object();
    private final Object second = new Object();

    @Test
    void aPartitionLostLateByOneConsumerStaysOwnedByTheConsumerAssignedItMeanwhile() {
        PartitionOwners<Integer> owners = new PartitionOwners<>();
        owners.assigned(first, List.of(0, 1));
        owners.assigned(second, List.of(2));
        assertThat(owners.count()).isEqualTo(3);
        // the first consumer was kicked out during a long batch; partition 1 went to the second consumer first
        owners.assigned(second, List.of(1));
        owners.released(first, List.of(0, 1));
        assertThat(owners.count()).isEqualTo(2);
        owners.released(second, List.of(1, 2));
        assertThat(owners.count()).isZero();
        owners.released(first, List.of(5));
        assertThat(owners.count()).isZero();
    }
}
