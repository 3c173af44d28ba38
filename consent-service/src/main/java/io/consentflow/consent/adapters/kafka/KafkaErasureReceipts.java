package io.consentflow.consent.adapters.kafka;

import io.consentflow.consent.app.ErasureReceipts;
import io.consentflow.events.SubjectErased;
import io.consentflow.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Sends an erasure receipt straight to consent-events (keyed by subjectId), bypassing the outbox it has none of. */
@Component
class KafkaErasureReceipts implements ErasureReceipts {

    private final KafkaTemplate<String, SpecificRecord> kafka;

    KafkaErasureReceipts(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    @Override
    public void publish(SubjectErased receipt) throws Exception {
        kafka.send(Topics.CONSENT_EVENTS.name(), receipt.getSubjectId(), receipt).get();
    }
}
