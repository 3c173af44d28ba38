package io.consentflow.gateway.app;

import io.consentflow.events.MessageLogErased;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Services;
import java.time.Clock;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Erases a subject's message log (of one purpose, or all of it) and answers retention-service with a
 * {@code MessageLogErased} receipt on message-events, published once the entries are gone.
 */
@Service
public class EraseMessageLog {

    private final SubjectLog log;
    private final MessageEvents events;
    private final Clock clock;

    public EraseMessageLog(SubjectLog log, MessageEvents events, Clock clock) {
        this.log = log;
        this.events = events;
        this.clock = clock;
    }

    /** @param purpose the purpose whose messages go; null: every message of the subject */
    public Mono<Void> erase(String subjectId, String erasureId, String purpose) {
        return log.erase(subjectId, purpose).flatMap(erased -> events.publish(MessageLogErased.newBuilder()
                .setEventId(Events.newEventId()).setOccurredAt(clock.instant()).setProducer(Services.GATEWAY)
                .setSubjectId(subjectId).setErasureId(erasureId).setMessagesErased(erased.intValue())
                .setPurpose(purpose).build(), subjectId));
    }
}
