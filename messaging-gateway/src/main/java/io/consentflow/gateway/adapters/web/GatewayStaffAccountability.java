package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.domain.ConsentFacts;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.platform.staff.StaffAccountabilityFilter;
import io.consentflow.platform.staff.StaffAccountabilityFilter.Access;
import io.consentflow.platform.staff.StaffAccountabilityFilter.StaffRequests;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Staff accountability on the gateway (platform's {@link StaffAccountabilityFilter}): reading a subject's message log
 * (READ_MESSAGES) and a contact's consent as the gate judges it (READ_CONTACT_CONSENT, the subject taken from the
 * consent view) needs a reason and is recorded on message-events first. A request's timeline (addressed by
 * requestId, polled by campaign systems, no number), templates and campaign counts read no person's data.
 */
@Component
class GatewayStaffAccountability implements StaffRequests {

    static final String READ_MESSAGES = "READ_MESSAGES";
    static final String READ_CONTACT_CONSENT = "READ_CONTACT_CONSENT";
    private static final Pattern CONTACT_CONSENT = Pattern.compile("/api/v1/contacts/([^/]+)/consent");

    private final ConsentLookup consents;

    GatewayStaffAccountability(ConsentLookup consents) {
        this.consents = consents;
    }

    @Override
    public Optional<Access> of(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET) {
            return Optional.empty();
        }
        String path = request.getPath().pathWithinApplication().value();
        if (path.equals("/api/v1/messages")) {
            return Optional.of(Access.of(READ_MESSAGES, request.getQueryParams().getFirst("subjectId")));
        }
        Matcher contact = CONTACT_CONSENT.matcher(path);
        if (contact.matches()) {
            String contactKey = contact.group(1);
            // a malformed key concerns no one (the handler refuses it) and must not reach the consent view
            return Optional.of(new Access(READ_CONTACT_CONSENT, Mono.fromSupplier(() ->
                    ContactConsentController.CONTACT_KEY.matcher(contactKey).matches() ? consents.facts(contactKey)
                            : null).map(ConsentFacts::subjectId)));
        }
        return Optional.empty();
    }
}
