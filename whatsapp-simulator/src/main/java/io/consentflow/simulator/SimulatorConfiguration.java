package io.consentflow.simulator;

import io.consentflow.simulator.cloudapi.CloudApiEndpoint;
import io.micrometer.observation.ObservationPredicate;
import java.time.Clock;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared infrastructure beans. */
@Configuration(proxyBeanMethods = false)
public class SimulatorConfiguration {

    /** One clock for the 24-hour window and all timestamps, so both agree. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * No http.server.requests observation for Cloud API sends: it cost about a tenth of a send's CPU, and
     * simulator_sends_total{outcome} counts them already.
     */
    @Bean
    ObservationPredicate noRequestObservationForCloudApiSends() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && CloudApiEndpoint.handles(server.getCarrier()));
    }
}
