package io.consentflow.consent.staff;

import io.consentflow.consent.application.ConsentCommands;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.ConsentRuleViolation;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.SubjectStatus;
import io.consentflow.consent.inbound.ErasureService;
import io.consentflow.consent.registry.ContactKeys;
import io.consentflow.consent.registry.PhoneNumbers;
import io.consentflow.consent.registry.SubjectRepository;
import io.consentflow.events.StopScope;
import io.consentflow.events.StopTrigger;
import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.InvalidInputException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Staff API for one subject, addressed by number (roles in ConsentAccessRules). */
@RestController
@RequestMapping("/api/v1/subjects/{e164}")
class SubjectController {

    /** Body of the preferences call: the complete set of purposes the subject wants from now on. */
    record PreferencesRequest(List<String> purposes) {
    }

    private final SubjectRepository subjects;
    private final ConsentCommands commands;
    private final ConsentLifecycle lifecycle;
    private final ContactKeys contactKeys;
    private final ErasureService erasure;

    SubjectController(SubjectRepository subjects, ConsentCommands commands, ConsentLifecycle lifecycle,
            ContactKeys contactKeys, ErasureService erasure) {
        this.subjects = subjects;
        this.commands = commands;
        this.lifecycle = lifecycle;
        this.contactKeys = contactKeys;
        this.erasure = erasure;
    }

    @GetMapping("/consent")
    Mono<ResponseEntity<SubjectViews.Consent>> consent(@PathVariable String e164) {
        return subjects.byContactKey(key(e164)).filter(s -> s.subject().status() != SubjectStatus.ERASED)
                .map(s -> ResponseEntity.ok(SubjectViews.Consent.of(s.subject())))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    @GetMapping("/export")
    Mono<ResponseEntity<SubjectViews.Export>> export(@PathVariable String e164) {
        return subjects.byContactKey(key(e164)).filter(s -> s.subject().status() != SubjectStatus.ERASED)
                .map(s -> ResponseEntity.ok(SubjectViews.Export.of(s.subject(), lifecycle.policy().purposes(),
                        commands.now())))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    @PostMapping("/stop")
    Mono<ResponseEntity<SubjectViews.Consent>> stop(@PathVariable String e164) {
        String number = number(e164);
        return commands.onContact(contactKeys.of(number), number, null, false, null, (s, now) -> {
                    lifecycle.stop(s, StopTrigger.STAFF_API, StopScope.ALL, null, false, now);
                    return SubjectViews.Consent.of(s);
                }).map(ResponseEntity::ok).defaultIfEmpty(ResponseEntity.notFound().build());
    }

    @PutMapping("/preferences")
    Mono<ResponseEntity<SubjectViews.Consent>> replacePreferences(@PathVariable String e164,
            @RequestBody PreferencesRequest body) {
        return preferences(e164, body);
    }

    @PatchMapping("/preferences")
    Mono<ResponseEntity<SubjectViews.Consent>> patchPreferences(@PathVariable String e164,
            @RequestBody PreferencesRequest body) {
        return preferences(e164, body);
    }

    @PostMapping("/erasure")
    Mono<ResponseEntity<Map<String, String>>> erase(@PathVariable String e164) {
        String number = number(e164);
        String erasureId = UUID.randomUUID().toString();
        return erasure.eraseByContact(contactKeys.of(number), number, erasureId)
                .map(done -> ResponseEntity.accepted().body(Map.of("erasureId", erasureId, "status", "ERASED")))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    private Mono<ResponseEntity<SubjectViews.Consent>> preferences(String e164, PreferencesRequest body) {
        String number = number(e164);
        Set<String> wanted = new LinkedHashSet<>(body == null || body.purposes() == null ? List.of() : body.purposes());
        if (wanted.contains(null) || !lifecycle.policy().unknown(wanted).isEmpty()) {
            throw new InvalidInputException("purposes", "contains an unknown purpose");
        }
        String text = "preferences changed by staff; widening confirmed by the subject in WhatsApp";
        Evidence evidence = new Evidence(null, commands.now(), "STAFF_API", null, null, null, "n/a", text,
                Evidence.sha256Hex(text), null);
        return commands.onContact(contactKeys.of(number), number, null, false, null, (s, now) -> {
                    if (s.status() != SubjectStatus.CONFIRMED) {
                        throw new ConsentRuleViolation("preferences can only change for a confirmed consent");
                    }
                    lifecycle.changePreferences(s, wanted, evidence.forOptIn(null), now);
                    return SubjectViews.Consent.of(s);
                }).map(ResponseEntity::ok).defaultIfEmpty(ResponseEntity.notFound().build());
    }

    private String key(String e164) {
        return contactKeys.of(number(e164));
    }

    private static String number(String e164) {
        return PhoneNumbers.e164(e164).orElseThrow(() -> new InvalidInputException(List.of(
                new FieldError("e164", "must be a valid phone number in E.164 format"))));
    }
}
