package io.consentflow.platform.observability;

import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Gives every batch listener container {@link BatchRecordSpans}, before any container starts (the earliest lifecycle
 * phase; the registry starts its containers in a late one, the gateway's send-requests container even later). Per
 * container, so each span names its listener id and group, as spring-kafka's record listener spans do; one place,
 * so no batch listener has to remember it.
 */
final class BatchListenerTracing implements SmartLifecycle {

    private final Supplier<? extends ListenerContainerRegistry> containers;
    private final ObservationRegistry registry;
    private volatile boolean running;

    /** {@code containers} supplies the registry when the context starts, or null (a service without listeners). */
    BatchListenerTracing(Supplier<? extends ListenerContainerRegistry> containers, ObservationRegistry registry) {
        this.containers = containers;
        this.registry = registry;
    }

    @Override
    public void start() {
        ListenerContainerRegistry listeners = containers.get();
        for (MessageListenerContainer container : listeners == null ? List.<MessageListenerContainer>of()
                : listeners.getListenerContainers()) {
            if (container instanceof AbstractMessageListenerContainer<?, ?> batch
                    && batch.getContainerProperties().getMessageListener() instanceof BatchMessageListener<?, ?>) {
                install(batch);
            }
        }
        running = true;
    }

    @SuppressWarnings("unchecked")
    private void install(AbstractMessageListenerContainer<?, ?> container) {
        var typed = (AbstractMessageListenerContainer<Object, Object>) container;
        BatchInterceptor<Object, Object> spans = new BatchRecordSpans(registry, container.getListenerId(),
                container.getGroupId(), container.getContainerProperties().getObservationConvention());
        BatchInterceptor<Object, Object> existing = typed.getBatchInterceptor();
        typed.setBatchInterceptor(existing == null || existing instanceof BatchRecordSpans ? spans
                : new CompositeBatchInterceptor<>(spans, existing));
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
