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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /** As many senders' events applied at once as the opt-in path's batches keep in flight, give or take. */
    static final int SENDERS_AT_ONCE = 16;
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

    /**
     * A poll's events, deduplicated: the subjects of the senders who ask for something read together first, then each
     * sender's events in their order, different senders' side by side (at most {@link #SENDERS_AT_ONCE}). One after
     * the other, each reading its subject and key with two round trips before its write, the listener was where
     * tapped confirmations queued at 200 opt-ins a second (docs/performance.md). A sender's events touch only that
     * sender's subject. Any failure fails the poll, whose offsets are then not committed: its redelivery finds the
     * events applied before the failure remembered in their subjects and applies the others.
     */
    public Mono<Void> onWhatsappInbound(List<WhatsappInbound> events) {
        Map<String, List<WhatsappInbound>> bySender = new LinkedHashMap<>();
        Set<String> readAhead = new HashSet<>();
        for (WhatsappInbound event : events) {
            // one number however WhatsApp wrote it, so one subject's events never run side by side
            Optional<String> e164 = PhoneNumbers.fromWhatsApp(from(event));
            bySender.computeIfAbsent(e164.orElse(from(event)), s -> new ArrayList<>()).add(event);
            if (e164.isPresent() && asksSomething(event)) {
                readAhead.add(contactKeys.of(e164.get()));
            }
        }
        return subjects.byContactKeys(readAhead).map(read -> new SubjectsReadAhead(subjects, read))
                .flatMapMany(reads -> Flux.fromIterable(bySender.values()).flatMap(
                        ofSender -> Flux.fromIterable(ofSender).concatMap(event -> onEvent(event, reads)),
                        SENDERS_AT_ONCE))
                .then();
    }

    private static String from(WhatsappInbound event) {
        return event instanceof ChatMessage message ? message.from() : ((PreferenceChange) event).from();
    }

    /** Whether applying the event reads its sender's subject (ordinary chat and unknown preferences do not). */
    private static boolean asksSomething(WhatsappInbound event) {
        return event instanceof ChatMessage message
                ? InboundIntent.of(message.reading(), message.buttonPayload()).kind() != InboundIntent.Kind.NONE
                : ((PreferenceChange) event).value() != Preference.UNKNOWN;
    }

    private Mono<?> onEvent(WhatsappInbound event, SubjectsReadAhead reads) {
        return event instanceof ChatMessage message ? onMessage(message, reads)
                : onPreference((PreferenceChange) event, reads);
    }

    Mono<?> onMessage(ChatMessage message, SubjectsReadAhead reads) {
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
            case STOP -> commands.onContact(reads, key, number, null, false, eventId, (s, now) -> lifecycle.stop(s,
                    StopTrigger.KEYWORD, StopScope.ALL, intent.language(), true, now));
            // only a known contact has data to erase; the request is stored before the withdrawal, so a crash between
            // the two leaves it in place for the redelivery
            case ERASE -> reads.byContactKey(key).filter(stored -> stored.subject().status() != SubjectStatus.ERASED)
                    .flatMap(known -> erasureRequests.record(new ChatErasureRequests.Pending(key,
                            message.receivedAt(), intent.language(), message.wamid())).thenReturn(known))
                    .flatMap(known -> commands.onContact(reads, key, number, null, false, eventId,
                            (s, now) -> lifecycle.erasureRequested(s, intent.language(), now)));
            // one reply a day at most: a contact who keeps asking is not answered again and again
            case UNCERTAIN -> rateLimiter.acquireClarification(key).flatMap(allowed -> allowed
                    ? commands.onContact(reads, key, number, null, false, eventId,
                            (s, now) -> lifecycle.offerUnsubscribe(s, intent.language(), now))
                    : Mono.empty());
            case STOP_PROMOTIONS -> commands.onContact(reads, key, number, null, false, eventId, (s, now) ->
                    lifecycle.stop(s, StopTrigger.STOP_PROMOTIONS_BUTTON, StopScope.MARKETING, null, true, now));
            case CONFIRM -> commands.onContact(reads, key, number, null, false, eventId, (s, now) ->
                    intent.token() != null
                    ? lifecycle.confirm(s, intent.token(), ConfirmationMethod.QUICK_REPLY, now, message.wamid())
                    : s.pending() == null ? ConfirmResult.NOTHING_PENDING
                            : lifecycle.confirm(s, null, ConfirmationMethod.TEXT_REPLY, now, message.wamid()));
            // every START sends the consent text: a flood from one number is cut off here, with a metric and no reply
            case START -> rateLimiter.acquireStart(key).flatMap(allowed -> allowed
                    ? commands.onContact(reads, key, number, Texts.chatLanguage(intent.language()), true, eventId,
                            (s, now) -> startInChat(s, Texts.chatLanguage(intent.language()), message.wamid(), now))
                    : ignoredStart(eventId));
            case NONE -> Mono.empty();
        };
    }

    Mono<?> onPreference(PreferenceChange change, SubjectsReadAhead reads) {
        Optional<String> e164 = PhoneNumbers.fromWhatsApp(change.from());
        if (e164.isEmpty() || change.value() == Preference.UNKNOWN) {
            return Mono.empty();
        }
        String key = contactKeys.of(e164.get());
        if (change.value() == Preference.STOP) {
            return commands.onContact(reads, key, e164.get(), null, false, change.eventId(), (s, now) ->
                    lifecycle.stop(s, StopTrigger.META_USER_PREFERENCE, StopScope.MARKETING, null, true, now));
        }
        // resume always clears Meta's flag; the consent text it triggers counts against the same START limit
        return rateLimiter.acquireStart(key).flatMap(allowed -> commands.onContact(reads, key, e164.get(), "de", true,
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
