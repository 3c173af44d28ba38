package io.consentflow.consent.app;

import io.consentflow.consent.domain.ConfirmationMethod;
import io.consentflow.consent.domain.ConfirmationToken;
import io.consentflow.consent.domain.ConsentLifecycle.ConfirmResult;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.OptInSource;
import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.InvalidInputException;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.rules.contact.PhoneNumbers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Web double opt-in: validate everything first, then rate-limit, then one document write; the last two shared with
 * the opt-ins arriving meanwhile ({@link OptInBatches}).
 */
@Service
public class OptInService {

    /** What a caller learns: never the token (it must reach the phone only) nor the subjectId. */
    public enum Outcome { CONFIRMATION_SENT, ALREADY_CONFIRMED }

    private static final Pattern NOTICE_VERSION = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final int MAX_PURPOSES = 20;
    private static final int MAX_HEADER = 512;

    private final ConsentCommands commands;
    private final ConsentLifecycle lifecycle;
    private final ContactKeys contactKeys;
    private final OptInBatches batches;
    private final ConsentSettings settings;

    public OptInService(ConsentCommands commands, ConsentLifecycle lifecycle, ContactKeys contactKeys,
            OptInBatches batches, ConsentSettings settings) {
        this.commands = commands;
        this.lifecycle = lifecycle;
        this.contactKeys = contactKeys;
        this.batches = batches;
        this.settings = settings;
    }

    public Mono<Outcome> request(OptInRequest request, ClientContext client) {
        return Mono.defer(() -> {
            Valid valid = validate(request);
            String contactKey = contactKeys.of(valid.e164());
            String text = request.consentText();
            Evidence evidence = new Evidence(null, commands.now(), valid.source().name(), client.clientAddress(),
                    truncate(client.userAgent()), truncate(client.pageUrl()), request.noticeVersion(), text,
                    Evidence.sha256Hex(text), null);
            // rate-limited and written together with the opt-ins arriving meanwhile, each judged as alone
            return batches.request(new OptInBatches.OptIn(contactKey, client.clientAddress(), valid.e164(),
                            valid.locale(), (subject, now) -> lifecycle.requestOptIn(subject, valid.purposes(),
                                    valid.source(), valid.locale(), evidence, now)))
                    .map(token -> token.isPresent() ? Outcome.CONFIRMATION_SENT : Outcome.ALREADY_CONFIRMED);
        });
    }

    /** The confirmation page's POST: the token proves the subject received the message. */
    public Mono<ConfirmResult> confirm(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Mono.just(ConfirmResult.WRONG_TOKEN);
        }
        return commands.onTokenHash(ConfirmationToken.hashOf(token),
                        (subject, now) -> lifecycle.confirm(subject, token, ConfirmationMethod.WEB_PAGE, now))
                .defaultIfEmpty(ConfirmResult.WRONG_TOKEN);
    }

    private record Valid(String e164, Set<String> purposes, String locale, OptInSource source) {
    }

    private Valid validate(OptInRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> e164 = PhoneNumbers.e164(request.phoneNumber());
        if (e164.isEmpty()) {
            errors.add(new FieldError("phoneNumber", "must be a valid phone number in E.164 format, e.g. +4915112345678"));
        }
        Set<String> purposes = new LinkedHashSet<>(request.purposes() == null ? List.of() : request.purposes());
        if (purposes.isEmpty() || purposes.contains(null)) {
            errors.add(new FieldError("purposes", "must name at least one purpose"));
        } else if (purposes.size() > MAX_PURPOSES || !lifecycle.policy().unknown(purposes).isEmpty()) {
            errors.add(new FieldError("purposes", "contains an unknown purpose; known: "
                    + lifecycle.policy().purposes().stream().map(p -> p.name()).toList()));
        }
        String locale = request.locale() == null ? "de" : request.locale();
        if (!locale.equals("de") && !locale.equals("en")) {
            errors.add(new FieldError("locale", "must be de or en"));
        }
        if (request.noticeVersion() == null || request.noticeVersion().isBlank()) {
            errors.add(new FieldError("noticeVersion", "is required"));
        } else if (!NOTICE_VERSION.matcher(request.noticeVersion()).matches()) {
            errors.add(new FieldError("noticeVersion", "must be 1-64 letters, digits or . _ : -"));
        }
        if (request.consentText() == null || request.consentText().isBlank()) {
            errors.add(new FieldError("consentText", "is required"));
        } else if (request.consentText().length() > settings.maxConsentTextLength()) {
            errors.add(new FieldError("consentText", "must be at most " + settings.maxConsentTextLength()
                    + " characters"));
        }
        OptInSource source = OptInSource.API;
        if (request.source() != null) {
            switch (request.source().toUpperCase(java.util.Locale.ROOT)) {
                case "API" -> source = OptInSource.API;
                case "WEB_FORM", "WEB" -> source = OptInSource.WEB_FORM;
                default -> errors.add(new FieldError("source", "must be WEB_FORM or API"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Valid(e164.orElseThrow(), purposes, locale, source);
    }

    private static String truncate(String value) {
        return value == null || value.length() <= MAX_HEADER ? value : value.substring(0, MAX_HEADER);
    }
}
