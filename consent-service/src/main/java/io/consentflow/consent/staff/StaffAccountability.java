package io.consentflow.consent.staff;

import io.consentflow.consent.registry.StoredSubject;
import io.consentflow.consent.registry.SubjectRepository;
import io.consentflow.platform.staff.StaffAccessRecorder;
import io.consentflow.platform.staff.StaffAccountabilityFilter;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.rules.contact.PhoneNumbers;
import io.consentflow.schemas.Services;
import java.time.Clock;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;

/**
 * Staff accountability on consent-service (platform's {@link StaffAccountabilityFilter}): every staff read of a
 * person's data and every staff action ({@link StaffActions}) needs a reason and becomes a
 * {@code StaffAccessRecorded} on consent-events, naming the subject the number or contactKey resolves to (never the
 * number itself), before anything is read or done.
 */
@Configuration(proxyBeanMethods = false)
class StaffAccountability {

    @Bean
    StaffAccessRecorder staffAccessRecorder(KafkaTemplate<String, SpecificRecord> kafka, Clock clock) {
        return new StaffAccessRecorder(kafka, Services.CONSENT, clock);
    }

    @Bean
    StaffAccountabilityFilter staffAccountabilityFilter(StaffAccessRecorder recorder, SubjectRepository subjects,
            ContactKeys contactKeys) {
        return new StaffAccountabilityFilter(recorder, request -> access(request, subjects, contactKeys));
    }

    private static Optional<StaffAccountabilityFilter.Access> access(ServerHttpRequest request,
            SubjectRepository subjects, ContactKeys contactKeys) {
        return StaffActions.of(request.getMethod(), request.getPath().pathWithinApplication().value())
                .map(access -> new StaffAccountabilityFilter.Access(access.action().name(),
                        subjectId(access, subjects, contactKeys)));
    }

    private static Mono<String> subjectId(StaffActions.Access access, SubjectRepository subjects,
            ContactKeys contactKeys) {
        Mono<StoredSubject> stored = switch (access.target()) {
            case NUMBER -> PhoneNumbers.e164(access.value()).map(n -> subjects.byContactKey(contactKeys.of(n)))
                    .orElse(Mono.empty());
            case CONTACT_KEY -> subjects.byContactKey(access.value());
            case NONE -> Mono.empty();
        };
        return stored.map(s -> s.subject().subjectId());
    }
}
