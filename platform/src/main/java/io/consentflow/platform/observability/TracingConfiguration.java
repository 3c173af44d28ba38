package io.consentflow.platform.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;

/**
 * Tracing across the suite's hops when {@code management.tracing.enabled} (CONSENTFLOW_TRACING_ENABLED) is on: HTTP
 * server and WebClient observations come from Spring; the Kafka templates and listener containers, which the platform
 * builds itself, are switched to observation here, so a trace follows a record from producer to consumer through the
 * {@code traceparent} header. spring-kafka observes record listeners only: {@link BatchListenerTracing} gives the
 * batch listeners a span per record, and {@link TraceParents} carries a request's trace through consent-service's
 * outbox.
 *
 * <p>No personal data in spans: staff paths hold phone numbers and subjectIds, so the full URL Spring records
 * ({@code http.url}) is replaced by the route template for server spans and by the template (else scheme and host)
 * for client spans. Kafka spans name topic, partition, offset and client, never the key (a number on send-requests)
 * or the value.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("management.tracing.enabled")
public class TracingConfiguration {

    static final String HTTP_URL = "http.url";

    @Bean
    public ObservationFilter personalDataFreeHttpSpans() {
        return context -> {
            if (context instanceof ServerRequestObservationContext server) {
                String route = server.getPathPattern();
                context.addHighCardinalityKeyValue(KeyValue.of(HTTP_URL, route == null ? "UNKNOWN" : route));
            } else if (context instanceof ClientRequestObservationContext client) {
                context.addHighCardinalityKeyValue(KeyValue.of(HTTP_URL, clientUrl(client)));
            }
            return context;
        };
    }

    private static String clientUrl(ClientRequestObservationContext client) {
        if (client.getUriTemplate() != null) {
            return client.getUriTemplate();
        }
        var request = client.getRequest();
        if (request == null) {
            return "UNKNOWN";
        }
        var uri = request.url();
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** The outbox's trace context: read from the request, continued by the relay. */
    @Bean
    public TraceParents observedTraceParents(ObservationRegistry registry, Propagator propagator) {
        return new ObservedTraceParents(registry, propagator);
    }

    /** A consumer span per record for the batch listeners, which spring-kafka does not observe. */
    @Bean
    public SmartLifecycle batchListenerTracing(ObjectProvider<KafkaListenerEndpointRegistry> endpoints,
            ObservationRegistry registry) {
        return new BatchListenerTracing(endpoints::getIfAvailable, registry);
    }

    @Bean
    public static BeanPostProcessor kafkaObservation() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaTemplate<?, ?> template) {
                    template.setObservationEnabled(true);
                } else if (bean instanceof AbstractKafkaListenerContainerFactory<?, ?, ?> factory) {
                    factory.getContainerProperties().setObservationEnabled(true);
                }
                return bean;
            }
        };
    }
}
