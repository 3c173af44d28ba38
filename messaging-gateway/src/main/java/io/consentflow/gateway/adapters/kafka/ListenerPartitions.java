package io.consentflow.gateway.adapters.kafka;

import io.consentflow.gateway.app.OwnedPartitions;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The send-requests partitions this instance's consumers own now (none while the listener is stopped): what this
 * instance settles and resumes without a redelivery, since only the owner reads a partition's records.
 */
@Component
class ListenerPartitions implements OwnedPartitions {

    private final KafkaListenerEndpointRegistry registry;

    ListenerPartitions(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Set<Integer> now() {
        MessageListenerContainer container = registry.getListenerContainer(SendListener.ID);
        Collection<TopicPartition> assigned = container == null || !container.isRunning() ? null
                : container.getAssignedPartitions();
        Set<Integer> owned = new HashSet<>();
        if (assigned != null) {
            assigned.forEach(partition -> owned.add(partition.partition()));
        }
        return owned;
    }
}
