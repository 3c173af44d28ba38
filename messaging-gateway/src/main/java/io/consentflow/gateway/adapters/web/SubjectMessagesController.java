package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.app.LoggedMessage;
import io.consentflow.gateway.app.MessageLog;
import io.consentflow.platform.web.InvalidInputException;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Everything the gateway holds about one subject (Art. 15 access request; consent-service's export calls it): each
 * send request with its category, purpose, template, campaign, outcome, wamid and timeline, and the contactKeys
 * (pseudonyms) it was sent under. The log never stores the number or the text, so neither appears here.
 */
@RestController
class SubjectMessagesController {

    private final MessageLog log;

    SubjectMessagesController(MessageLog log) {
        this.log = log;
    }

    /**
     * @param subjectId the subject's UUID as assigned by consent-service
     */
    @GetMapping("/api/v1/messages")
    Mono<SubjectMessages> messages(@RequestParam(required = false) String subjectId) {
        String id = canonical(subjectId);
        return log.loggedOfSubject(id).collectList().map(docs -> new SubjectMessages(id,
                docs.stream().map(LoggedMessage::contactKey).filter(k -> k != null).distinct().toList(),
                docs.stream().map(MessageTimelineController::view).toList()));
    }

    private static String canonical(String subjectId) {
        if (subjectId == null || subjectId.isBlank()) {
            throw new InvalidInputException("subjectId", "required");
        }
        try {
            UUID uuid = UUID.fromString(subjectId);
            // UUID.fromString accepts short groups ("1-1-1-1-1"); only the canonical 36-character form is an id
            if (!uuid.toString().equalsIgnoreCase(subjectId)) {
                throw new IllegalArgumentException();
            }
            return subjectId.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("subjectId", "a UUID");
        }
    }

    /**
     * @param contactKeys the pseudonyms (HMAC of the number, not the number) the log keeps for the frequency cap
     */
    record SubjectMessages(String subjectId, List<String> contactKeys,
            List<MessageTimelineController.Timeline> messages) {
    }
}
