package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.app.LoggedMessage;
import io.consentflow.gateway.app.MessageLog;
import io.consentflow.platform.web.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** A send request's timeline for staff: claimed, blocked / sent / failed, and delivery statuses. */
@RestController
class MessageTimelineController {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private final MessageLog log;
    private final CampaignClients clients;

    MessageTimelineController(MessageLog log, CampaignClients clients) {
        this.log = log;
        this.clients = clients;
    }

    /**
     * @param requestId the send request's idempotency key
     * @param caller    a campaign system reads only the requests its client posted (404 for any other)
     */
    @GetMapping("/api/v1/messages/{requestId}")
    Mono<Timeline> timeline(@PathVariable String requestId, Authentication caller) {
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw new InvalidInputException("requestId", "1-100 letters, digits, '.', '_', ':' or '-'");
        }
        return clients.mayReadRequest(caller, requestId).filter(Boolean::booleanValue)
                .flatMap(may -> log.logged(requestId)).map(MessageTimelineController::view)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such request")));
    }

    static Timeline view(LoggedMessage logged) {
        List<Entry> entries = logged.timeline().stream().map(e -> new Entry(e.at(), e.kind(), e.detail())).toList();
        return new Timeline(logged.requestId(), logged.subjectId(), logged.category(), logged.purpose(),
                logged.template(), logged.campaignId(), logged.state(), logged.wamid(), entries);
    }

    record Timeline(String requestId, String subjectId, String category, String purpose, String template,
            String campaignId, String state, String wamid, List<Entry> timeline) {
    }

    record Entry(Instant at, String kind, String detail) {
    }
}
