package io.consentflow.gateway.retention;

import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.MessageLogErased;
import io.consentflow.gateway.send.MessageEvents;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Services;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Erasure of the message log (scope SUBJECT or MESSAGE_LOG): deletes the subject's records ({@link SubjectLogEraser};
 * for the end of one purpose only that purpose's) and answers with a MessageLogErased receipt naming the purpose.
 * Idempotent: a redelivered command deletes nothing more and repeats the receipt.
 */
@Component
class ErasureListener {

    private final SubjectLogEraser log;
    private final MessageEvents events;
    private final Clock clock;

    ErasureListener(SubjectLogEraser log, MessageEvents events, Clock clock) {
        this.log = log;
        this.events = events;
        this.clock = clock;
    }

    @KafkaListener(id = "gateway-retention", topics = "retention-commands")
    void on(SpecificRecord value) {
        if (value instanceof ErasureRequested command
                && (command.getScope() == ErasureScope.SUBJECT || command.getScope() == ErasureScope.MESSAGE_LOG)) {
            String purpose = command.getScope() == ErasureScope.SUBJECT ? command.getPurpose() : null;
            long erased = log.erase(command.getSubjectId(), purpose).block();
            var receipt = MessageLogErased.newBuilder().setEventId(Events.newEventId()).setOccurredAt(clock.instant())
                    .setProducer(Services.GATEWAY).setSubjectId(command.getSubjectId())
                    .setErasureId(command.getErasureId()).setMessagesErased((int) erased).setPurpose(purpose).build();
            events.publish(receipt, command.getSubjectId()).block();
        }
    }
}
