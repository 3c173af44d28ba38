package io.consentflow.consent.adapters.kafka;

import io.consentflow.consent.app.ErasureReceipts;
import io.consentflow.consent.domain.DomainEvent.SubjectErased;
import io.consentflow.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Sends an erasure receipt straight to consent-events (keyed by subjectId), bypassing the outbox it has none of. */
@Component
class KafkaErasureReceipts implements ErasureReceipts {

    private final KafkaTemplate<String, SpecificRecord> kafka;

    KafkaErasureReceipts(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    @Override
    public Mono<Void> publish(SubjectErased receipt) {
        return Mono.fromFuture(() -> kafka.send(Topics.CONSENT_EVENTS.name(), receipt.subjectId(),
                AvroEvents.receipt(receipt))).then();
    }
}
