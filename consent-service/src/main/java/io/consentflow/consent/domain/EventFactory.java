package io.consentflow.consent.domain;

import io.consentflow.consent.domain.DomainEvent.Button;
import io.consentflow.consent.domain.DomainEvent.MessageRequest;
import io.consentflow.consent.domain.DomainEvent.StateSnapshot;
import io.consentflow.consent.domain.DomainEvent.StateTombstone;
import io.consentflow.consent.domain.DomainEvent.Template;
import io.consentflow.consent.domain.DomainEvent.TemplateComponent;
import io.consentflow.consent.domain.DomainEvent.TemplateParameter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/** Builds the events of docs/architecture.md#topics for a subject, as domain events. */
final class EventFactory {

    /** Meta's customer-service window after the contact's last message. */
    static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    private EventFactory() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static List<String> sorted(Collection<String> purposes) {
        return new ArrayList<>(new TreeSet<>(purposes));
    }

    static StateSnapshot snapshot(Subject subject, Instant now) {
        return new StateSnapshot(newId(), now, subject.subjectId(), subject.contactKey(), subject.status(),
                sorted(subject.purposes()), subject.marketingStoppedAtMeta(), subject.confirmedAt(),
                subject.stoppedAt(), subject.nextStateVersion());
    }

    static StateTombstone tombstone(Subject subject) {
        return new StateTombstone(newId(), subject.contactKey());
    }

    /**
     * The neutral UTILITY template (its name from the policy) with the brand name and a quick reply carrying the
     * single-use token.
     */
    static MessageRequest confirmationTemplate(Subject subject, ConsentPolicy policy, ConfirmationToken token,
            String language, Instant now, Instant notAfter) {
        var body = new TemplateComponent("body", null, null,
                List.of(new TemplateParameter("text", policy.brandName())));
        var button = new TemplateComponent("button", "quick_reply", 0,
                List.of(new TemplateParameter("payload", token.buttonPayload())));
        var template = new Template(policy.confirmationTemplate(), Texts.chatLanguage(language),
                List.of(body, button));
        return message(subject, now, MessageCategory.UTILITY, template, null, List.of(), notAfter);
    }

    /** Consent text and confirmation button for an opt-in started in the chat (inside the service window). */
    static MessageRequest chatOptIn(Subject subject, String consentText, ConfirmationToken token, String language,
            Instant now, Instant notAfter) {
        var button = new Button(token.buttonPayload(), Texts.confirmButtonTitle(language));
        return message(subject, now, MessageCategory.SERVICE, null, consentText, List.of(button), notAfter);
    }

    /**
     * A reply inside the window the contact's message opened. Its notAfter is the end of that window at the latest:
     * free text cannot go out later anyway, and the gateway honours consent-service's signature only on a request
     * with a deadline, so a copy of it is worthless afterwards.
     */
    static MessageRequest serviceText(Subject subject, String text, Instant now) {
        return message(subject, now, MessageCategory.SERVICE, null, text, List.of(), now.plus(SERVICE_WINDOW));
    }

    /** A reply with one reply button: tapping it sends the payload back, read by the gateway like a message. */
    static MessageRequest serviceText(Subject subject, String text, String buttonPayload, String buttonTitle,
            Instant now) {
        return message(subject, now, MessageCategory.SERVICE, null, text,
                List.of(new Button(buttonPayload, buttonTitle)), now.plus(SERVICE_WINDOW));
    }

    private static MessageRequest message(Subject subject, Instant now, MessageCategory category, Template template,
            String text, List<Button> buttons, Instant notAfter) {
        String eventId = newId();
        return new MessageRequest(eventId, now, "consent-" + eventId, subject.e164(), category, template, text,
                buttons, subject.subjectId(), notAfter);
    }

    static ConfirmationMethod method(ConfirmationMethod method) {
        return method == null ? ConfirmationMethod.UNKNOWN : method;
    }
}
