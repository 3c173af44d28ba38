package io.consentflow.consent.adapters.kafka;

import io.consentflow.consent.app.EventEncoder;
import io.consentflow.consent.domain.DomainEvent.MessageRequest;
import io.consentflow.consent.domain.DomainEvent.StateSnapshot;
import io.consentflow.consent.domain.DomainEvent.StateTombstone;
import io.consentflow.consent.domain.DomainEvent;
import io.consentflow.consent.domain.OutboxEntry;
import io.consentflow.schemas.AvroEventSerializer;
import io.consentflow.schemas.Topics;
import org.springframework.stereotype.Component;

/**
 * Encodes a domain event for the outbox as the relay will publish it: its topic and key (consent-events by
 * subjectId, consent-state by contactKey, send-requests by number) and its Avro single-object bytes, the same
 * encoding the producer's serializer writes. A send request is marked sealed: it carries the number.
 */
@Component
class AvroEventEncoder implements EventEncoder {

    private final AvroEventSerializer serializer = new AvroEventSerializer();

    @Override
    public OutboxEntry encode(DomainEvent event, String traceparent) {
        String topic;
        String key;
        if (event instanceof StateSnapshot snapshot) {
            topic = Topics.CONSENT_STATE.name();
            key = snapshot.contactKey();
        } else if (event instanceof StateTombstone tombstone) {
            topic = Topics.CONSENT_STATE.name();
            key = tombstone.contactKey();
        } else if (event instanceof MessageRequest request) {
            topic = Topics.SEND_REQUESTS.name();
            key = request.to();
        } else {
            topic = Topics.CONSENT_EVENTS.name();
            key = ((DomainEvent.ConsentHistory) event).subjectId();
        }
        byte[] value = serializer.serialize(topic, AvroEvents.of(event));
        return new OutboxEntry(event.eventId(), topic, key, value, event instanceof MessageRequest, traceparent);
    }
}
