package io.consentflow.gateway.adapters.kafka;

import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.gateway.app.EraseMessageLog;
import io.consentflow.platform.idempotency.IdempotentConsumer;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Erasure of the message log (scope SUBJECT or MESSAGE_LOG): deletes the subject's records ({@link EraseMessageLog};
 * for the end of one purpose only that purpose's) and answers with a MessageLogErased receipt naming the purpose.
 * Deduped by eventId through platform's {@link IdempotentConsumer}; a command applied again (a crash between the
 * erasure and remembering it) deletes nothing more and repeats the receipt, which retention-service counts once.
 */
@Component
class ErasureListener {

    private final EraseMessageLog erasure;
    private final IdempotentConsumer processed;

    ErasureListener(EraseMessageLog erasure, @Qualifier("retentionCommandsConsumer") IdempotentConsumer processed) {
        this.erasure = erasure;
        this.processed = processed;
    }

    @KafkaListener(id = "gateway-retention", topics = "retention-commands")
    void on(SpecificRecord value) {
        if (value instanceof ErasureRequested command
                && (command.getScope() == ErasureScope.SUBJECT || command.getScope() == ErasureScope.MESSAGE_LOG)) {
            String purpose = command.getScope() == ErasureScope.SUBJECT ? command.getPurpose() : null;
            processed.process(List.of(command), ErasureRequested::getEventId,
                    fresh -> erasure.erase(command.getSubjectId(), command.getErasureId(), purpose)).block();
        }
    }
}
