package io.consentflow.gateway.adapters.kafka;

import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The partitions this instance owns, kept per consumer. One shared set let a consumer that learnt late that it had
 * lost a partition (kicked out of the group after a long batch) remove it although another consumer of the same
 * instance had been assigned it meanwhile: the instance counted none, fell to 1/s while it still processed that
 * partition's batch, and the group's rebalance waited minutes for that batch (the chaos suite's full size stalled so).
 */
final class PartitionOwners<P> {

    private final Map<Object, Set<P>> byConsumer = new IdentityHashMap<>();

    synchronized void assigned(Object consumer, Collection<P> partitions) {
        byConsumer.computeIfAbsent(consumer, c -> new HashSet<>()).addAll(partitions);
    }

    /** Revoked or lost by this consumer: another consumer's ownership of the same partition stays. */
    synchronized void released(Object consumer, Collection<P> partitions) {
        Set<P> owned = byConsumer.get(consumer);
        if (owned != null) {
            owned.removeAll(partitions);
        }
    }

    /** How many distinct partitions the instance's consumers own. */
    synchronized int count() {
        Set<P> all = new HashSet<>();
        byConsumer.values().forEach(all::addAll);
        return all.size();
    }
}
