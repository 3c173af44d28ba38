package io.consentflow.retention.adapters.web;

import io.consentflow.platform.staff.StaffAccountabilityFilter.Access;
import io.consentflow.platform.staff.StaffAccountabilityFilter.StaffRequests;
import io.consentflow.platform.staff.StaffAccountabilityFilter;
import io.consentflow.retention.app.ErasureStore;
import io.consentflow.retention.domain.Erasure;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Staff accountability on retention-service (platform's {@link StaffAccountabilityFilter}): a subject's deadlines
 * (READ_DEADLINES) and one erasure with its receipts (READ_ERASURE, the subject taken from the erasure) need a reason
 * and are recorded on retention-commands first; the erasure command (ERASURE_COMMAND) names its subject in the body,
 * so {@link RetentionController} records it. Policies, the deadline summary and the lists of open and overdue
 * erasures concern no one subject (oversight) and are not recorded.
 */
@Component
class RetentionStaffAccountability implements StaffRequests {

    static final String READ_DEADLINES = "READ_DEADLINES";
    static final String READ_ERASURE = "READ_ERASURE";
    static final String ERASURE_COMMAND = "ERASURE_COMMAND";
    private static final Pattern ERASURE = Pattern.compile("/api/v1/retention/erasures/([0-9a-fA-F-]{36})");

    private final ErasureStore erasures;

    RetentionStaffAccountability(ErasureStore erasures) {
        this.erasures = erasures;
    }

    @Override
    public Optional<Access> of(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET) {
            return Optional.empty();
        }
        String path = request.getPath().pathWithinApplication().value();
        if (path.equals("/api/v1/retention/deadlines")) {
            return Optional.of(Access.of(READ_DEADLINES, request.getQueryParams().getFirst("subjectId")));
        }
        Matcher erasure = ERASURE.matcher(path);
        if (erasure.matches()) {
            return Optional.of(new Access(READ_ERASURE,
                    Mono.defer(() -> erasures.find(erasure.group(1))).map(Erasure::subjectId)));
        }
        return Optional.empty();
    }
}
