package io.consentflow.platform.staff;

import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Staff accountability for a service that names its staff requests (a {@link StaffAccountabilityFilter.StaffRequests}
 * bean): the recorder, writing as {@code spring.application.name} on that service's staff-access topic, and the
 * filter. A service without such a bean records nothing.
 */
@AutoConfiguration
@ConditionalOnBean(StaffAccountabilityFilter.StaffRequests.class)
public class StaffAccountabilityConfiguration {

    @Bean
    StaffAccessRecorder staffAccessRecorder(KafkaTemplate<String, SpecificRecord> kafka,
            @Value("${spring.application.name}") String service, ObjectProvider<Clock> clock) {
        return new StaffAccessRecorder(kafka, service, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    StaffAccountabilityFilter staffAccountabilityFilter(StaffAccessRecorder recorder,
            StaffAccountabilityFilter.StaffRequests requests) {
        return new StaffAccountabilityFilter(recorder, requests);
    }
}
