package io.consentflow.gateway.app;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The delivery statuses Meta reported, kept with the logged request they belong to (port). */
public interface DeliveryStatuses {

    /** A logged request as a status webhook needs it; {@code outcomeInClaim}: written by an earlier version. */
    record LoggedRequest(String requestId, String subjectId, String category, String contactKey,
            boolean outcomeInClaim) {
    }

    record StatusEntry(LoggedRequest request, String status, Instant at, Integer errorCode) {
    }

    /** The requests these wamids belong to, for status webhooks. Unknown wamids are absent. */
    Mono<Map<String, LoggedRequest>> byWamids(Collection<String> wamids);

    Mono<Void> statuses(List<StatusEntry> entries);
}
