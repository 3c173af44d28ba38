package io.consentflow.retention;

import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.ErasureScope;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageLogErased;
import io.consentflow.events.MessageSent;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.OptInExpired;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.OptInSource;
import io.consentflow.events.StopReceived;
import io.consentflow.events.StopScope;
import io.consentflow.events.StopTrigger;
import io.consentflow.events.SubjectErased;
import io.consentflow.schemas.Events;
import io.consentflow.schemas.Services;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Publishes what consent-service and messaging-gateway publish, as they would (their topics, keys and receipts). */
final class PeerEvents {

    private final KafkaTestClient kafka = KafkaTestClient.forTestInfrastructure();

    void optInRequested(String subjectId, Instant at) {
        consent(subjectId, OptInRequested.newBuilder().setEventId(Events.newEventId()).setOccurredAt(at)
                .setProducer(Services.CONSENT).setSubjectId(subjectId).setOptInId(UUID.randomUUID().toString())
                .setPurposes(List.of("offers")).setSource(OptInSource.WEB_FORM).setNoticeVersion("2026-11")
                .setConsentTextHash("00").setEvidenceDigest("00").setLocale("de-DE")
                .setExpiresAt(at.plus(Duration.ofHours(48))).build());
    }

    void optInConfirmed(String subjectId, Instant at, String... purposes) {
        consent(subjectId, OptInConfirmed.newBuilder().setEventId(Events.newEventId()).setOccurredAt(at)
                .setProducer(Services.CONSENT).setSubjectId(subjectId).setOptInId(UUID.randomUUID().toString())
                .setPurposes(List.of(purposes)).setMethod(ConfirmationMethod.QUICK_REPLY).setEvidenceDigest("00")
                .build());
    }

    void optInExpired(String subjectId, Instant at) {
        consent(subjectId, OptInExpired.newBuilder().setEventId(Events.newEventId()).setOccurredAt(at)
                .setProducer(Services.CONSENT).setSubjectId(subjectId).setOptInId(UUID.randomUUID().toString())
                .build());
    }

    void stopReceived(String subjectId, Instant at) {
        consent(subjectId, StopReceived.newBuilder().setEventId(Events.newEventId()).setOccurredAt(at)
                .setProducer(Services.CONSENT).setSubjectId(subjectId).setTrigger(StopTrigger.KEYWORD)
                .setScope(StopScope.ALL).setPurposesWithdrawn(List.of("offers")).setLanguage("de").build());
    }

    void subjectErased(String subjectId, String erasureId, ErasureScope scope, Instant at) {
        consent(subjectId, SubjectErased.newBuilder().setEventId(Events.newEventId()).setOccurredAt(at)
                .setProducer(Services.CONSENT).setSubjectId(subjectId).setErasureId(erasureId).setScope(scope)
                .build());
    }

    void messageSent(String subjectId, Instant at) {
        String requestId = UUID.randomUUID().toString();
        kafka.publish(Topics.MESSAGE_EVENTS.name(), subjectId, MessageSent.newBuilder().setEventId(Events.newEventId())
                .setOccurredAt(at).setProducer(Services.GATEWAY).setRequestId(requestId).setSubjectId(subjectId)
                .setWamid("wamid." + requestId).setCategory(MessageCategory.MARKETING).setPurpose("offers").build());
    }

    void messageLogErased(String subjectId, String erasureId, Instant at) {
        kafka.publish(Topics.MESSAGE_EVENTS.name(), subjectId, MessageLogErased.newBuilder()
                .setEventId(Events.newEventId()).setOccurredAt(at).setProducer(Services.GATEWAY)
                .setSubjectId(subjectId).setErasureId(erasureId).setMessagesErased(3).build());
    }

    private void consent(String subjectId, org.apache.avro.specific.SpecificRecord event) {
        kafka.publish(Topics.CONSENT_EVENTS.name(), subjectId, event);
    }
}
