package io.consentflow.consent.app;

import io.consentflow.consent.domain.ConfirmationMethod;
import io.consentflow.consent.domain.ConfirmationToken;
import io.consentflow.consent.domain.ConsentLifecycle.ConfirmResult;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.InboundIntent;
import io.consentflow.consent.domain.MessageFailure;
import io.consentflow.consent.domain.OptInSource;
import io.consentflow.consent.domain.StopScope;
import io.consentflow.consent.domain.StopTrigger;
import io.consentflow.consent.domain.Subject;
import io.consentflow.consent.domain.SubjectStatus;
import io.consentflow.consent.domain.Texts;
import io.consentflow.consent.domain.WhatsappInbound.ChatMessage;
import io.consentflow.consent.domain.WhatsappInbound.Preference;
import io.consentflow.consent.domain.WhatsappInbound.PreferenceChange;
import io.consentflow.consent.domain.WhatsappInbound;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.rules.contact.PhoneNumbers;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What WhatsApp users and the gateway tell consent-service: STOP, erasure requests, unclear mentions of unsubscribing,
 * START, confirmations, Meta preferences.
 */
@Service
public class InboundService {

    static final int MARKETING_STOPPED_AT_META = 131050;
    private static final Logger log = LoggerFactory.getLogger(InboundService.class);

    private final ConsentCommands commands;
    private final ConsentLifecycle lifecycle;
    private final ContactKeys contactKeys;
    private final ConsentSettings settings;
    private final RateLimiter rateLimiter;
    private final ChatErasureRequests erasureRequests;
    private final SubjectStore subjects;

    public InboundService(ConsentCommands commands, ConsentLifecycle lifecycle, ContactKeys contactKeys,
            ConsentSettings settings, RateLimiter rateLimiter, ChatErasureRequests erasureRequests,
            SubjectStore subjects) {
        this.commands = commands;
        this.lifecycle = lifecycle;
        this.contactKeys = contactKeys;
        this.settings = settings;
        this.rateLimiter = rateLimiter;
        this.erasureRequests = erasureRequests;
        this.subjects = subjects;
    }

    /** Acts on the gateway's reading of the message; the text itself does not reach this service. */
    /** One record of whatsapp-inbound: a chat message or a Meta marketing-preference change; others are ignored. */
    /** A poll's events, deduplicated, applied in their order. */
    public Mono<Void> onWhatsappInbound(List<WhatsappInbound> events) {
        return Flux.fromIterable(events).concatMap(this::onEvent).then();
    }

    private Mono<?> onEvent(WhatsappInbound event) {
        return event instanceof ChatMessage message ? onMessage(message) : onPreference((PreferenceChange) event);
    }

    Mono<?> onMessage(ChatMessage message) {
        InboundIntent intent = InboundIntent.of(message.reading(), message.buttonPayload());
        if (intent.kind() == InboundIntent.Kind.NONE) {
            return Mono.empty();
        }
        Optional<String> e164 = PhoneNumbers.fromWhatsApp(message.from());
        if (e164.isEmpty()) {
            log.warn("inbound message {} has no valid sender number; ignored", message.eventId());
            return Mono.empty();
        }
        String number = e164.get();
        String key = contactKeys.of(number);
        String eventId = message.eventId();
        return switch (intent.kind()) {
            case STOP -> commands.onContact(key, number, null, false, eventId, (s, now) -> lifecycle.stop(s,
                    StopTrigger.KEYWORD, StopScope.ALL, intent.language(), true, now));
            // only a known contact has data to erase; the request is stored before the withdrawal, so a crash between
            // the two leaves it in place for the redelivery
            case ERASE -> subjects.byContactKey(key).filter(stored -> stored.subject().status() != SubjectStatus.ERASED)
                    .flatMap(known -> erasureRequests.record(new ChatErasureRequests.Pending(key,
                            message.receivedAt(), intent.language(), message.wamid())).thenReturn(known))
                    .flatMap(known -> commands.onContact(key, number, null, false, eventId,
                            (s, now) -> lifecycle.erasureRequested(s, intent.language(), now)));
            // one reply a day at most: a contact who keeps asking is not answered again and again
            case UNCERTAIN -> rateLimiter.acquireClarification(key).flatMap(allowed -> allowed
                    ? commands.onContact(key, number, null, false, eventId,
                            (s, now) -> lifecycle.offerUnsubscribe(s, intent.language(), now))
                    : Mono.empty());
            case STOP_PROMOTIONS -> commands.onContact(key, number, null, false, eventId, (s, now) ->
                    lifecycle.stop(s, StopTrigger.STOP_PROMOTIONS_BUTTON, StopScope.MARKETING, null, true, now));
            case CONFIRM -> commands.onContact(key, number, null, false, eventId, (s, now) -> intent.token() != null
                    ? lifecycle.confirm(s, intent.token(), ConfirmationMethod.QUICK_REPLY, now, message.wamid())
                    : s.pending() == null ? ConfirmResult.NOTHING_PENDING
                            : lifecycle.confirm(s, null, ConfirmationMethod.TEXT_REPLY, now, message.wamid()));
            // every START sends the consent text: a flood from one number is cut off here, with a metric and no reply
            case START -> rateLimiter.acquireStart(key).flatMap(allowed -> allowed
                    ? commands.onContact(key, number, Texts.chatLanguage(intent.language()), true, eventId,
                            (s, now) -> startInChat(s, Texts.chatLanguage(intent.language()), message.wamid(), now))
                    : ignoredStart(eventId));
            case NONE -> Mono.empty();
        };
    }

    Mono<?> onPreference(PreferenceChange change) {
        Optional<String> e164 = PhoneNumbers.fromWhatsApp(change.from());
        if (e164.isEmpty() || change.value() == Preference.UNKNOWN) {
            return Mono.empty();
        }
        String key = contactKeys.of(e164.get());
        if (change.value() == Preference.STOP) {
            return commands.onContact(key, e164.get(), null, false, change.eventId(), (s, now) ->
                    lifecycle.stop(s, StopTrigger.META_USER_PREFERENCE, StopScope.MARKETING, null, true, now));
        }
        // resume always clears Meta's flag; the consent text it triggers counts against the same START limit
        return rateLimiter.acquireStart(key).flatMap(allowed -> commands.onContact(key, e164.get(), "de", true,
                change.eventId(), (s, now) -> {
                    lifecycle.clearMetaMarketingStop(s, now);
                    return allowed ? startInChat(s, s.locale() == null ? "de" : s.locale(), null, now)
                            : Optional.<ConfirmationToken>empty();
                }));
    }

    /** A poll's failures, deduplicated, applied in their order: Meta's 131050 withdraws marketing consent. */
    public Mono<Void> onMessageFailures(List<MessageFailure> failures) {
        return Flux.fromIterable(failures).concatMap(this::onMessageFailed).then();
    }

    Mono<?> onMessageFailed(MessageFailure failed) {
        if (failed.errorCode() != MARKETING_STOPPED_AT_META || failed.subjectId() == null) {
            return Mono.empty();
        }
        return commands.onSubjectId(failed.subjectId(), failed.eventId(), (s, now) ->
                lifecycle.stop(s, StopTrigger.SEND_ERROR_131050, StopScope.MARKETING, null, false, now));
    }

    private static Mono<Optional<ConfirmationToken>> ignoredStart(String eventId) {
        log.info("START {} over the per-number limit: ignored, no reply", eventId);
        return Mono.empty();
    }

    /** START or resume: a new double opt-in in the chat, never a silent restore of an earlier consent. */
    private Optional<ConfirmationToken> startInChat(Subject subject, String language, String wamid, Instant now) {
        var wanted = new TreeSet<>(lifecycle.policy().whatsappOptInPurposes());
        if (subject.status() == SubjectStatus.CONFIRMED && subject.purposes().containsAll(wanted)) {
            return Optional.empty();
        }
        String text = Texts.whatsappConsentText(language, lifecycle.policy().brandName(), wanted);
        Evidence evidence = new Evidence(null, now, OptInSource.WHATSAPP.name(), null, null, null,
                settings.noticeVersion(), text, Evidence.sha256Hex(text), wamid);
        return lifecycle.requestOptIn(subject, wanted, OptInSource.WHATSAPP, language, evidence, now);
    }
}
