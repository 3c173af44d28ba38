package io.consentflow.consent.domain;

import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.ConsentSnapshot;
import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageCategory;
import io.consentflow.events.ReplyButton;
import io.consentflow.events.SendRequest;
import io.consentflow.events.TemplateComponent;
import io.consentflow.events.TemplateMessage;
import io.consentflow.events.TemplateParameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Builds the Avro events of docs/architecture.md#topics for a subject. */
final class EventFactory {

    static final String PRODUCER = "consent-service";
    static final String CONSENT_EVENTS = "consent-events";
    static final String CONSENT_STATE = "consent-state";
    static final String SEND_REQUESTS = "send-requests";
    /** Meta's customer-service window after the contact's last message. */
    static final java.time.Duration SERVICE_WINDOW = java.time.Duration.ofHours(24);

    private EventFactory() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static List<String> sorted(Collection<String> purposes) {
        return new ArrayList<>(new java.util.TreeSet<>(purposes));
    }

    static OutboxEntry consentEvent(Subject subject, org.apache.avro.specific.SpecificRecord event, String eventId) {
        return new OutboxEntry(eventId, CONSENT_EVENTS, subject.subjectId(), event);
    }

    static OutboxEntry snapshot(Subject subject, Instant now) {
        String eventId = newId();
        var snapshot = ConsentSnapshot.newBuilder().setEventId(eventId).setOccurredAt(now).setProducer(PRODUCER)
                .setSubjectId(subject.subjectId()).setContactKey(subject.contactKey())
                .setStatus(status(subject.status())).setPurposes(sorted(subject.purposes()))
                .setMarketingStoppedAtMeta(subject.marketingStoppedAtMeta()).setConfirmedAt(subject.confirmedAt())
                .setStoppedAt(subject.stoppedAt()).setVersion(subject.nextStateVersion()).build();
        return new OutboxEntry(eventId, CONSENT_STATE, subject.contactKey(), snapshot);
    }

    static OutboxEntry tombstone(Subject subject) {
        return new OutboxEntry(newId(), CONSENT_STATE, subject.contactKey(), null);
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

    /**
     * The neutral UTILITY template (its name from the policy) with the brand name and a quick reply carrying the
     * single-use token.
     */
    static OutboxEntry confirmationTemplate(Subject subject, ConsentPolicy policy, ConfirmationToken token,
            String language, Instant now, Instant notAfter) {
        var body = TemplateComponent.newBuilder().setType("body").setSubType(null).setIndex(null)
                .setParameters(List.of(new TemplateParameter("text", policy.brandName()))).build();
        var button = TemplateComponent.newBuilder().setType("button").setSubType("quick_reply").setIndex(0)
                .setParameters(List.of(new TemplateParameter("payload", token.buttonPayload()))).build();
        var template = new TemplateMessage(policy.confirmationTemplate(), Texts.chatLanguage(language),
                List.of(body, button));
        return send(subject, base(subject, now, MessageCategory.UTILITY).setTemplate(template).setNotAfter(notAfter));
    }

    /** Consent text and confirmation button for an opt-in started in the chat (inside the service window). */
    static OutboxEntry chatOptIn(Subject subject, String consentText, ConfirmationToken token, String language,
            Instant now, Instant notAfter) {
        var button = new ReplyButton(token.buttonPayload(), Texts.confirmButtonTitle(language));
        return send(subject, base(subject, now, MessageCategory.SERVICE).setText(consentText)
                .setButtons(List.of(button)).setNotAfter(notAfter));
    }

    /**
     * A reply inside the window the contact's message opened. Its notAfter is the end of that window at the latest:
     * free text cannot go out later anyway, and the gateway honours consent-service's signature only on a request
     * with a deadline, so a copy of it is worthless afterwards.
     */
    static OutboxEntry serviceText(Subject subject, String text, Instant now) {
        return send(subject, reply(subject, text, now));
    }

    /** A reply with one reply button: tapping it sends the payload back, read by the gateway like a message. */
    static OutboxEntry serviceText(Subject subject, String text, String buttonPayload, String buttonTitle,
            Instant now) {
        return send(subject, reply(subject, text, now).setButtons(List.of(new ReplyButton(buttonPayload, buttonTitle))));
    }

    /** SERVICE text answering the contact: it can only go out inside the window their message opened. */
    private static SendRequest.Builder reply(Subject subject, String text, Instant now) {
        return base(subject, now, MessageCategory.SERVICE).setText(text).setNotAfter(now.plus(SERVICE_WINDOW));
    }

    private static SendRequest.Builder base(Subject subject, Instant now, MessageCategory category) {
        String eventId = newId();
        return SendRequest.newBuilder().setEventId(eventId).setOccurredAt(now).setProducer(PRODUCER)
                .setRequestId("consent-" + eventId).setTo(subject.e164()).setCategory(category).setPurpose(null)
                .setTemplate(null).setText(null).setButtons(List.of()).setCampaignId(null)
                .setSubjectId(subject.subjectId()).setNotAfter(null);
    }

    private static OutboxEntry send(Subject subject, SendRequest.Builder builder) {
        SendRequest request = builder.build();
        return new OutboxEntry(request.getEventId(), SEND_REQUESTS, subject.e164(), request);
    }

    static ConfirmationMethod method(ConfirmationMethod method) {
        return method == null ? ConfirmationMethod.UNKNOWN : method;
    }
}
