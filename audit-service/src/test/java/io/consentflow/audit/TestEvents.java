package io.consentflow.audit;

import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.InboundMessage;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.MessageSent;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.OptInSource;
import io.consentflow.events.SendRequest;
import io.consentflow.events.StopReceived;
import io.consentflow.events.StopScope;
import io.consentflow.events.StopTrigger;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import io.consentflow.schemas.Events;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Events as the other services write them. */
final class TestEvents {

    private TestEvents() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static OptInRequested optInRequested(String subjectId, String optInId) {
        return OptInRequested.newBuilder().setEventId(Events.newEventId()).setOccurredAt(now())
                .setProducer("consent-service").setSubjectId(subjectId).setOptInId(optInId)
                .setPurposes(List.of("offers", "event-updates")).setSource(OptInSource.WEB_FORM)
                .setNoticeVersion("2026-10").setConsentTextHash("ab".repeat(32)).setEvidenceDigest("sd:" + "cd".repeat(32))
                .setLocale("de-DE").setExpiresAt(now().plus(48, ChronoUnit.HOURS)).build();
    }

    static OptInConfirmed optInConfirmed(String subjectId, String optInId) {
        return OptInConfirmed.newBuilder().setEventId(Events.newEventId()).setOccurredAt(now())
                .setProducer("consent-service").setSubjectId(subjectId).setOptInId(optInId)
                .setPurposes(List.of("offers", "event-updates")).setMethod(ConfirmationMethod.QUICK_REPLY)
                .setEvidenceDigest("sd:" + "cd".repeat(32)).build();
    }

    static StopReceived stop(String subjectId) {
        return StopReceived.newBuilder().setEventId(Events.newEventId()).setOccurredAt(now())
                .setProducer("consent-service").setSubjectId(subjectId).setTrigger(StopTrigger.KEYWORD)
                .setScope(StopScope.ALL).setPurposesWithdrawn(List.of("offers", "event-updates")).setLanguage("de")
                .build();
    }

    static SendRequest sendRequest(String subjectId, String number, String text) {
        return SendRequest.newBuilder().setEventId(Events.newEventId()).setOccurredAt(now())
                .setProducer("campaign-system").setRequestId(UUID.randomUUID().toString()).setTo(number)
                .setCategory(MessageCategory.MARKETING).setPurpose("offers").setText(text)
                .setTemplate(TemplateMessage.newBuilder().setName("autumn_sale").setLanguage("de")
                        .setComponents(List.of(TemplateComponent.newBuilder().setType("body").setParameters(
                                List.of(TemplateParameter.newBuilder().setType("text").setValue(text).build()))
                                .build())).build())
                .setCampaignId("autumn-2026").setSubjectId(subjectId).build();
    }

    static MessageSent messageSent(String subjectId) {
        return MessageSent.newBuilder().setEventId(Events.newEventId()).setOccurredAt(now())
                .setProducer("messaging-gateway").setRequestId(UUID.randomUUID().toString()).setSubjectId(subjectId)
                .setWamid("wamid.HBgLNDkxNTExMjM0NTY3OBUCABEYEjA5" + UUID.randomUUID().toString().substring(0, 6))
                .setCategory(MessageCategory.MARKETING).setPurpose("offers").setCampaignId("autumn-2026").build();
    }

    static InboundMessage inbound(String number, String text) {
        return InboundMessage.newBuilder().setEventId(Events.newEventId()).setOccurredAt(now())
                .setProducer("messaging-gateway").setWamid("wamid." + UUID.randomUUID()).setFrom(number)
                .setContactKey("ck-" + UUID.randomUUID()).setType("text").setText(text).setReceivedAt(now())
                .setPhoneNumberId("100000000000001").build();
    }
}
