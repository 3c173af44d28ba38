package io.consentflow.simulator;

import java.time.Clock;
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
}
