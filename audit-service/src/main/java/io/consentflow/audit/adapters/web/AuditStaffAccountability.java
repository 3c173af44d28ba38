package io.consentflow.audit.adapters.web;

import io.consentflow.platform.staff.StaffAccountabilityFilter.Access;
import io.consentflow.platform.staff.StaffAccountabilityFilter.StaffRequests;
import io.consentflow.platform.staff.StaffAccountabilityFilter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Staff accountability on audit-service (platform's {@link StaffAccountabilityFilter}): reading entries
 * (READ_ENTRIES, the subject when filtered by one), the CSV export (EXPORT_ENTRIES), a subject's proof (READ_PROOF) or
 * evidence chain (READ_EVIDENCE_CHAIN) and a deletion certificate (READ_CERTIFICATE) needs a reason and is recorded
 * on audit-staff-access, which this service chains like every other topic, before anything is read. Verification,
 * checkpoints, anchoring and the public key name no subject and are not recorded.
 */
@Component
class AuditStaffAccountability implements StaffRequests {

    private static final Pattern SUBJECT = Pattern.compile("/api/v1/audit/subjects/([^/]+)/(proof|evidence-chain)");
    private static final Pattern CERTIFICATE = Pattern.compile("/api/v1/audit/erasures/[^/]+/certificate");

    @Override
    public Optional<Access> of(ServerHttpRequest request) {
        if (request.getMethod() != HttpMethod.GET) {
            return Optional.empty();
        }
        String path = request.getPath().pathWithinApplication().value();
        if (path.equals("/api/v1/audit/entries")) {
            return Optional.of(Access.of("READ_ENTRIES", request.getQueryParams().getFirst("subjectId")));
        } else if (path.equals("/api/v1/audit/entries.csv")) {
            return Optional.of(Access.of("EXPORT_ENTRIES", null));
        } else if (CERTIFICATE.matcher(path).matches()) {
            return Optional.of(Access.of("READ_CERTIFICATE", null));
        }
        Matcher subject = SUBJECT.matcher(path);
        if (subject.matches()) {
            String action = subject.group(2).equals("proof") ? "READ_PROOF" : "READ_EVIDENCE_CHAIN";
            return Optional.of(Access.of(action, subject.group(1)));
        }
        return Optional.empty();
    }
}
