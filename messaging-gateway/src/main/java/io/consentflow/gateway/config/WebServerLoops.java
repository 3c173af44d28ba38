package io.consentflow.gateway.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.resources.LoopResources;

/**
 * The web server (Meta's webhooks, the staff API, actuator) on event loops of its own, a bulkhead. By default the
 * server runs on Reactor Netty's global loops, which the Cloud API client uses too, so thousands of send responses a
 * second sat in front of an inbound STOP's webhook and of the staff API's answers; in the end-to-end benchmark at 1,000
 * sends/s offered the STOP's median to the gate fell from about 200 ms to about 45 ms once the loops were apart. The
 * Cloud API client keeps the global loops.
 */
@Configuration(proxyBeanMethods = false)
class WebServerLoops {

    private static final String THREAD_PREFIX = "gateway-web";

    /** Replaces Spring Boot's (global) resources; the factory creates the loops on start and disposes of them on stop. */
    @Bean
    ReactorResourceFactory reactorResourceFactory(GatewayProperties properties) {
        var resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        resources.setLoopResourcesSupplier(() -> LoopResources.create(THREAD_PREFIX, properties.web().eventLoops(),
                true));
        return resources;
    }
}
