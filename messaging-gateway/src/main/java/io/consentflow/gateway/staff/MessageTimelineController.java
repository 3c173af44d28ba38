package io.consentflow.gateway.staff;

import io.consentflow.gateway.campaign.CampaignClients;
import io.consentflow.gateway.send.MessageLog;
import io.consentflow.platform.web.InvalidInputException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
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
                .flatMap(may -> log.find(requestId)).map(MessageTimelineController::view)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such request")));
    }

    static Timeline view(Document doc) {
        List<Entry> entries = MessageLog.timeline(doc).stream()
                .map(e -> new Entry(instant(e.getDate("at")), e.getString("kind"), e.getString("detail"))).toList();
        return new Timeline(doc.getString("_id"), doc.getString("subjectId"), doc.getString("category"),
                doc.getString("purpose"), doc.getString("template"), doc.getString("campaignId"),
                MessageLog.state(doc), doc.getString("wamid"), entries);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    record Timeline(String requestId, String subjectId, String category, String purpose, String template,
            String campaignId, String state, String wamid, List<Entry> timeline) {
    }

    record Entry(Instant at, String kind, String detail) {
    }
}
