package io.consentflow.consent.adapters.web.staff;

import io.consentflow.consent.app.StoredSubject;
import io.consentflow.consent.app.SubjectStore;
import io.consentflow.platform.staff.StaffAccountabilityFilter;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.rules.contact.PhoneNumbers;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Staff accountability on consent-service (platform's {@link StaffAccountabilityFilter}): every staff read of a
 * person's data and every staff action ({@link StaffActions}) needs a reason and becomes a
 * {@code StaffAccessRecorded} on consent-events, naming the subject the number or contactKey resolves to (never the
 * number itself), before anything is read or done.
 */
@Component
class StaffAccountability implements StaffAccountabilityFilter.StaffRequests {

    private final SubjectStore subjects;
    private final ContactKeys contactKeys;

    StaffAccountability(SubjectStore subjects, ContactKeys contactKeys) {
        this.subjects = subjects;
        this.contactKeys = contactKeys;
    }

    @Override
    public Optional<StaffAccountabilityFilter.Access> of(ServerHttpRequest request) {
        return StaffActions.of(request.getMethod(), request.getPath().pathWithinApplication().value())
                .map(access -> new StaffAccountabilityFilter.Access(access.action().name(), subjectId(access)));
    }

    private Mono<String> subjectId(StaffActions.Access access) {
        Mono<StoredSubject> stored = switch (access.target()) {
            case NUMBER -> PhoneNumbers.e164(access.value()).map(n -> subjects.byContactKey(contactKeys.of(n)))
                    .orElse(Mono.empty());
            case CONTACT_KEY -> subjects.byContactKey(access.value());
            case NONE -> Mono.empty();
        };
        return stored.map(s -> s.subject().subjectId());
    }
}
