package io.consentflow.gateway.adapters.kafka;

import io.consentflow.events.ErasureRequested;
import io.consentflow.events.ErasureScope;
import io.consentflow.gateway.app.EraseMessageLog;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Erasure of the message log (scope SUBJECT or MESSAGE_LOG): deletes the subject's records ({@link EraseMessageLog};
 * for the end of one purpose only that purpose's) and answers with a MessageLogErased receipt naming the purpose.
 * Idempotent: a redelivered command deletes nothing more and repeats the receipt.
 */
@Component
class ErasureListener {

    private final EraseMessageLog erasure;

    ErasureListener(EraseMessageLog erasure) {
        this.erasure = erasure;
    }

    @KafkaListener(id = "gateway-retention", topics = "retention-commands")
    void on(SpecificRecord value) {
        if (value instanceof ErasureRequested command
                && (command.getScope() == ErasureScope.SUBJECT || command.getScope() == ErasureScope.MESSAGE_LOG)) {
            String purpose = command.getScope() == ErasureScope.SUBJECT ? command.getPurpose() : null;
            erasure.erase(command.getSubjectId(), command.getErasureId(), purpose).block();
        }
    }
}
