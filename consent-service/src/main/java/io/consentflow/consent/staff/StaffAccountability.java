package io.consentflow.consent.staff;

import io.consentflow.consent.registry.StoredSubject;
import io.consentflow.consent.registry.SubjectRepository;
import io.consentflow.events.StaffAccessRecorded;
import io.consentflow.platform.security.StaffReason;
import io.consentflow.platform.web.InvalidInputException;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.rules.contact.PhoneNumbers;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Staff accountability: every staff read of a person's data and every staff action on consent-service becomes a
 * {@code StaffAccessRecorded} on consent-events (which audit-service chains like every other event) naming the
 * token's subject, its roles, the action, the subject concerned and the reason given in {@link StaffReason#HEADER}.
 * Actions require the reason; reads record it when given. It runs after the security filter, so only authorised
 * requests are recorded, and it answers only once the broker acknowledged the record: without it nothing is read or
 * done (503).
 */
@Component
class StaffAccountability implements WebFilter, Ordered {

    static final String NO_REASON = "(no reason given)";
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final SubjectRepository subjects;
    private final ContactKeys contactKeys;
    private final Clock clock;

    StaffAccountability(KafkaTemplate<String, SpecificRecord> kafka, SubjectRepository subjects,
            ContactKeys contactKeys, Clock clock) {
        this.kafka = kafka;
        this.subjects = subjects;
        this.contactKeys = contactKeys;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return 0; // after Spring Security's WebFilterChainProxy (-100): the caller is authenticated and authorised
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<StaffActions.Access> access = StaffActions.of(exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().pathWithinApplication().value());
        if (access.isEmpty()) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(StaffReason.HEADER);
        String reason;
        try {
            reason = access.get().action().reasonRequired() ? StaffReason.required(header)
                    : StaffReason.read(header).orElse(NO_REASON);
        } catch (InvalidInputException e) {
            return refuse(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    StaffReason.HEADER + ": " + e.errors().get(0).reason());
        }
        return exchange.getPrincipal().ofType(JwtAuthenticationToken.class)
                .flatMap(caller -> subjectId(access.get())
                        .map(Optional::of).defaultIfEmpty(Optional.empty())
                        .flatMap(subjectId -> publish(caller, access.get().action(), subjectId.orElse(null), reason)))
                .then(chain.filter(exchange))
                .onErrorResume(StaffActions.NotRecorded.class, e -> refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                        "Staff access not recorded", "the audit record could not be written; nothing was read or done"));
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

    private Mono<Void> publish(JwtAuthenticationToken caller, StaffActions.Action action, String subjectId,
            String reason) {
        List<String> roles = caller.getToken().getClaimAsStringList("roles");
        StaffAccessRecorded record = StaffAccessRecorded.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant()).setProducer(Services.CONSENT)
                .setSubjectId(subjectId).setStaffSubject(caller.getToken().getSubject())
                .setStaffRoles(roles == null ? List.of() : roles).setAction(action.name()).setReason(reason).build();
        return Mono.fromFuture(() -> kafka.send(Topics.CONSENT_EVENTS.name(), subjectId, record))
                .timeout(PUBLISH_TIMEOUT)
                .onErrorMap(e -> new StaffActions.NotRecorded(e))
                .then();
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        // constant texts only (no request value is echoed), so building the JSON by hand needs no escaping
        String field = status == HttpStatus.BAD_REQUEST ? StaffReason.HEADER : "audit";
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\",\"errors\":[{\"field\":\"" + field + "\",\"reason\":\""
                + detail.substring(detail.indexOf(':') + 1).strip() + "\"}]}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
