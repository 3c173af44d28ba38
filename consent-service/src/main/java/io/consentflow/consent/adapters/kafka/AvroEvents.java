package io.consentflow.consent.adapters.kafka;

import io.consentflow.consent.domain.DomainEvent.Button;
import io.consentflow.consent.domain.DomainEvent.MessageRequest;
import io.consentflow.consent.domain.DomainEvent.StateSnapshot;
import io.consentflow.consent.domain.DomainEvent.StateTombstone;
import io.consentflow.consent.domain.DomainEvent.Template;
import io.consentflow.consent.domain.DomainEvent;
import io.consentflow.consent.domain.SubjectStatus;
import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.OptInExpired;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.OptInSource;
import io.consentflow.events.PreferencesChanged;
import io.consentflow.events.ReplyButton;
import io.consentflow.events.SendRequest;
import io.consentflow.events.StopReceived;
import io.consentflow.events.StopScope;
import io.consentflow.events.StopTrigger;
import io.consentflow.events.SubjectErased;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The domain's events as the Avro events of docs/architecture.md#topics, field for field (the domain enums carry the
 * Avro symbols' names). The one place consent-service builds its outgoing Avro events.
 */
final class AvroEvents {

    static final String PRODUCER = DomainEvent.PRODUCER;

    private AvroEvents() {
    }

    /** The Avro event for {@code event}; null for a tombstone. */
    static SpecificRecord of(DomainEvent event) {
        if (event instanceof DomainEvent.OptInRequested e) {
            return OptInRequested.newBuilder().setEventId(e.eventId())
                    .setOccurredAt(e.occurredAt()).setProducer(PRODUCER).setSubjectId(e.subjectId())
                    .setOptInId(e.optInId()).setPurposes(e.purposes())
                    .setSource(OptInSource.valueOf(e.source().name())).setNoticeVersion(e.noticeVersion())
                    .setConsentTextHash(e.consentTextHash()).setEvidenceDigest(e.evidenceDigest())
                    .setLocale(e.locale()).setExpiresAt(e.expiresAt()).build();
        }
        if (event instanceof DomainEvent.OptInConfirmed e) {
            return OptInConfirmed.newBuilder().setEventId(e.eventId())
                    .setOccurredAt(e.occurredAt()).setProducer(PRODUCER).setSubjectId(e.subjectId())
                    .setOptInId(e.optInId()).setPurposes(e.purposes())
                    .setMethod(ConfirmationMethod.valueOf(e.method().name()))
                    .setEvidenceDigest(e.evidenceDigest()).build();
        }
        if (event instanceof DomainEvent.OptInExpired e) {
            return OptInExpired.newBuilder().setEventId(e.eventId())
                    .setOccurredAt(e.occurredAt()).setProducer(PRODUCER).setSubjectId(e.subjectId())
                    .setOptInId(e.optInId()).setSubjectErased(e.subjectErased()).build();
        }
        if (event instanceof DomainEvent.PreferencesChanged e) {
            return PreferencesChanged.newBuilder().setEventId(e.eventId())
                    .setOccurredAt(e.occurredAt()).setProducer(PRODUCER).setSubjectId(e.subjectId())
                    .setPurposesBefore(e.purposesBefore()).setPurposesAfter(e.purposesAfter())
                    .setPendingConfirmation(e.pendingConfirmation()).build();
        }
        if (event instanceof DomainEvent.StopReceived e) {
            return StopReceived.newBuilder().setEventId(e.eventId())
                    .setOccurredAt(e.occurredAt()).setProducer(PRODUCER).setSubjectId(e.subjectId())
                    .setTrigger(StopTrigger.valueOf(e.trigger().name())).setScope(StopScope.valueOf(e.scope().name()))
                    .setPurposesWithdrawn(e.purposesWithdrawn()).setLanguage(e.language()).build();
        }
        if (event instanceof DomainEvent.SubjectErased e) {
            return receipt(e);
        }
        if (event instanceof StateSnapshot e) {
            return ConsentSnapshot.newBuilder().setEventId(e.eventId())
                    .setOccurredAt(e.occurredAt()).setProducer(PRODUCER).setSubjectId(e.subjectId())
                    .setContactKey(e.contactKey()).setStatus(status(e.status())).setPurposes(e.purposes())
                    .setMarketingStoppedAtMeta(e.marketingStoppedAtMeta()).setConfirmedAt(e.confirmedAt())
                    .setStoppedAt(e.stoppedAt()).setVersion(e.version()).build();
        }
        if (event instanceof StateTombstone) {
            return null;
        }
        return sendRequest((MessageRequest) event);
    }

    static SubjectErased receipt(DomainEvent.SubjectErased e) {
        return SubjectErased.newBuilder().setEventId(e.eventId()).setOccurredAt(e.occurredAt())
                    .setProducer(PRODUCER).setSubjectId(e.subjectId()).setErasureId(e.erasureId())
                    .setScope(ErasureScope.valueOf(e.scope().name())).setPurpose(e.purpose())
                    .setSubjectRemoved(e.subjectRemoved()).build();
    }

    static ConsentStatus status(SubjectStatus status) {
        return switch (status) {
            case PENDING -> ConsentStatus.PENDING;
            case CONFIRMED -> ConsentStatus.CONFIRMED;
            case STOPPED -> ConsentStatus.STOPPED;
            case EXPIRED -> ConsentStatus.EXPIRED;
            case NEW, ERASED -> ConsentStatus.UNKNOWN;
        };
    }

    /** Unsigned: {@link SendRequestSigner} signs it as it leaves the outbox. */
    private static SendRequest sendRequest(MessageRequest e) {
        return SendRequest.newBuilder().setEventId(e.eventId()).setOccurredAt(e.occurredAt()).setProducer(PRODUCER)
                    .setRequestId(e.requestId()).setTo(e.to()).setCategory(MessageCategory.valueOf(e.category().name()))
                    .setPurpose(null).setTemplate(template(e.template())).setText(e.text())
                    .setButtons(e.buttons().stream().map(AvroEvents::button).toList()).setCampaignId(null)
                    .setSubjectId(e.subjectId()).setNotAfter(e.notAfter()).build();
    }

    private static ReplyButton button(Button button) {
        return new ReplyButton(button.payload(), button.title());
    }

    private static TemplateMessage template(Template template) {
        if (template == null) {
            return null;
        }
        List<TemplateComponent> components = template.components().stream()
                    .map(c -> TemplateComponent.newBuilder().setType(c.type()).setSubType(c.subType())
                        .setIndex(c.index()).setParameters(c.parameters().stream()
                                .map(p -> new TemplateParameter(p.type(), p.value())).toList())
                        .build())
                    .toList();
        return new TemplateMessage(template.name(), template.language(), components);
    }
}
