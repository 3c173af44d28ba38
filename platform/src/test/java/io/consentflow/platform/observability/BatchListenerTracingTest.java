package io.consentflow.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListener;

/** Every batch listener container gets the per-record spans before it starts; record listeners are left alone. */
class BatchListenerTracingTest {

    final InMemoryTracing tracing = new InMemoryTracing();

    @Test
    void batchContainersGetRecordSpansKeepingTheirOwnInterceptorRecordContainersNone() {
        var batch = container("send-requests", (BatchMessageListener<Object, Object>) records -> { });
        var withInterceptor = container("audit-events", (BatchMessageListener<Object, Object>) records -> { });
        BatchInterceptor<Object, Object> own = (records, consumer) -> records;
        withInterceptor.setBatchInterceptor(own);
        var record = container("consent-whatsapp-inbound", (MessageListener<Object, Object>) r -> { });

        new BatchListenerTracing(() -> registryOf(List.of(batch, withInterceptor, record)), tracing.registry).start();

        assertThat(batch.getBatchInterceptor()).isInstanceOf(BatchRecordSpans.class);
        assertThat(withInterceptor.getBatchInterceptor()).isInstanceOf(CompositeBatchInterceptor.class);
        assertThat(record.getBatchInterceptor()).isNull();
    }

    @Test
    void aServiceWithoutListenersStartsAsUsual() {
        var tracingOff = new BatchListenerTracing(() -> null, tracing.registry);
        tracingOff.start();
        assertThat(tracingOff.isRunning()).isTrue();
    }

    private static ConcurrentMessageListenerContainer<Object, Object> container(String id, Object listener) {
        var properties = new ContainerProperties("topic-of-" + id);
        properties.setGroupId(id);
        properties.setMessageListener(listener);
        var container = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<Object, Object>(Map.of()), properties);
        container.setBeanName(id);
        return container;
    }

    /** Only what the installer asks of a registry: its containers. */
    private static ListenerContainerRegistry registryOf(List<?> containers) {
        return (ListenerContainerRegistry) Proxy.newProxyInstance(BatchListenerTracingTest.class.getClassLoader(),
                new Class<?>[] {ListenerContainerRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getListenerContainers")) {
                        return containers;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
