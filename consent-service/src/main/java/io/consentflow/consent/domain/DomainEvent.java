package io.consentflow.consent.domain;

import java.time.Instant;
import java.util.List;

/**
 * An event a change of a subject queues, in the domain's own words (docs/architecture.md#topics names them):
 * adapters.kafka maps each to its Avro event, field for field, and chooses its topic and key. The ids are made here,
 * so a republished event keeps its eventId.
 */
public sealed interface DomainEvent {

    String PRODUCER = "consent-service";

    String eventId();

    /** The events of a subject's consent history (the consent-events topic, keyed by subjectId). */
    sealed interface ConsentHistory extends DomainEvent {
        String subjectId();
    }

    record OptInRequested(String eventId, Instant occurredAt, String subjectId, String optInId, List<String> purposes,
            OptInSource source, String noticeVersion, String consentTextHash, String evidenceDigest, String locale,
            Instant expiresAt) implements ConsentHistory {
    }

    record OptInConfirmed(String eventId, Instant occurredAt, String subjectId, String optInId, List<String> purposes,
            ConfirmationMethod method, String evidenceDigest) implements ConsentHistory {
    }

    record OptInExpired(String eventId, Instant occurredAt, String subjectId, String optInId, boolean subjectErased)
            implements ConsentHistory {
    }

    record PreferencesChanged(String eventId, Instant occurredAt, String subjectId, List<String> purposesBefore,
            List<String> purposesAfter, boolean pendingConfirmation) implements ConsentHistory {
    }

    record StopReceived(String eventId, Instant occurredAt, String subjectId, StopTrigger trigger, StopScope scope,
            List<String> purposesWithdrawn, String language) implements ConsentHistory {
    }

    /** The receipt of an erasure; {@code purpose} set when a retention deadline ended one purpose only. */
    record SubjectErased(String eventId, Instant occurredAt, String subjectId, String erasureId, ErasureScope scope,
            String purpose, boolean subjectRemoved) implements ConsentHistory {
    }

    /** The subject's consent state as the gateways' consent view keeps it (keyed by contactKey). */
    record StateSnapshot(String eventId, Instant occurredAt, String subjectId, String contactKey, SubjectStatus status,
            List<String> purposes, boolean marketingStoppedAtMeta, Instant confirmedAt, Instant stoppedAt,
            long version) implements DomainEvent {
    }

    /** The end of a subject's consent state: a tombstone (no value) for its contactKey. */
    record StateTombstone(String eventId, String contactKey) implements DomainEvent {
    }

    /**
     * A message for the gateway to send to the subject: free text (with reply buttons) or a template. It carries the
     * number, so it is encrypted at rest and dropped from the outbox when the subject is erased.
     */
    record MessageRequest(String eventId, Instant occurredAt, String requestId, String to, MessageCategory category,
            Template template, String text, List<Button> buttons, String subjectId, Instant notAfter)
            implements DomainEvent {
    }

    record Button(String payload, String title) {
    }

    record Template(String name, String language, List<TemplateComponent> components) {
    }

    record TemplateComponent(String type, String subType, Integer index, List<TemplateParameter> parameters) {
    }

    record TemplateParameter(String type, String value) {
    }
}
