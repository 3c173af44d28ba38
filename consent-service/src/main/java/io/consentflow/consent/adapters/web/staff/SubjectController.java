package io.consentflow.consent.adapters.web.staff;

import io.consentflow.consent.adapters.web.Problems;
import io.consentflow.consent.app.ConsentCommands;
import io.consentflow.consent.app.ErasureOutcome;
import io.consentflow.consent.app.PeerData;
import io.consentflow.consent.app.PeerServices;
import io.consentflow.consent.app.SubjectStore;
import io.consentflow.consent.domain.ConsentLifecycle;
import io.consentflow.consent.domain.ConsentRuleViolation;
import io.consentflow.consent.domain.Evidence;
import io.consentflow.consent.domain.StopScope;
import io.consentflow.consent.domain.StopTrigger;
import io.consentflow.consent.domain.Subject;
import io.consentflow.consent.domain.SubjectStatus;
import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.InvalidInputException;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.rules.contact.PhoneNumbers;
import io.consentflow.schemas.Services;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Staff API for one subject, addressed by number (roles in ConsentAccessRules). */
@RestController
@RequestMapping("/api/v1/subjects/{e164}")
class SubjectController {

    /** Body of the preferences call: the complete set of purposes the subject wants from now on. */
    record PreferencesRequest(List<String> purposes) {
    }

    private final SubjectStore subjects;
    private final ConsentCommands commands;
    private final ConsentLifecycle lifecycle;
    private final ContactKeys contactKeys;
    private final PeerServices peers;

    SubjectController(SubjectStore subjects, ConsentCommands commands, ConsentLifecycle lifecycle,
            ContactKeys contactKeys, PeerServices peers) {
        this.subjects = subjects;
        this.commands = commands;
        this.lifecycle = lifecycle;
        this.contactKeys = contactKeys;
        this.peers = peers;
    }

    @GetMapping("/consent")
    Mono<ResponseEntity<SubjectViews.Consent>> consent(@PathVariable String e164) {
        return live(e164).map(s -> ResponseEntity.ok(SubjectViews.Consent.of(s)))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    /**
     * Art. 15: what consent-service holds plus, fetched in parallel with the caller's own token, what the gateway,
     * retention-service and audit-service hold. A peer that fails is marked, never fails the export.
     */
    @GetMapping("/export")
    Mono<ResponseEntity<SubjectViews.Export>> export(@PathVariable String e164, @AuthenticationPrincipal Jwt caller) {
        return live(e164).flatMap(s -> {
                    String bearer = caller.getTokenValue();
                    return Mono.zip(peers.messageLog(s.subjectId(), bearer),
                                    peers.retentionDeadlines(s.subjectId(), bearer),
                                    peers.auditEntries(s.subjectId(), bearer))
                            .map(answers -> {
                                Map<String, PeerData> others = new LinkedHashMap<>();
                                others.put(Services.GATEWAY, answers.getT1());
                                others.put(Services.RETENTION, answers.getT2());
                                others.put(Services.AUDIT, answers.getT3());
                                return ResponseEntity.ok(SubjectViews.Export.of(s, lifecycle.policy().purposes(),
                                        commands.now(), others));
                            });
                })
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

    /**
     * Art. 17 is handed to retention-service, which owns the erasure and collects every service's receipt; its
     * ErasureRequested comes back to this service and is carried out there. Without retention-service there is no
     * receipt, so nothing is erased here and the caller gets 503 to retry.
     */
    @PostMapping("/erasure")
    Mono<ResponseEntity<Object>> erase(@PathVariable String e164, @AuthenticationPrincipal Jwt caller,
            ServerWebExchange exchange) {
        return live(e164).flatMap(s -> peers.requestErasure(s.subjectId(), caller.getTokenValue()))
                .map(outcome -> erasureAnswer(outcome, exchange))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    static ResponseEntity<Object> erasureAnswer(ErasureOutcome outcome, ServerWebExchange exchange) {
        return switch (outcome.status()) {
            case OK -> ResponseEntity.accepted().location(URI.create(outcome.location()))
                    .body(Map.of("erasureId", outcome.erasureId(), "status",
                            outcome.erasureStatus() == null ? "REQUESTED" : outcome.erasureStatus(),
                            "location", outcome.location()));
            case DENIED -> Problems.builder(HttpStatus.FORBIDDEN).body(Problems.problem(HttpStatus.FORBIDDEN,
                    "Erasure refused by retention-service", "erasure",
                    "retention-service does not allow this caller to request an erasure", exchange));
            case UNAVAILABLE -> Problems.builder(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                    .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "retention-service unavailable",
                            "erasure", "retention-service did not accept the request; nothing was erased, retry later",
                            exchange));
        };
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

    /** The subject with this number, unless unknown or already erased. */
    private Mono<Subject> live(String e164) {
        return subjects.byContactKey(contactKeys.of(number(e164))).map(stored -> stored.subject())
                .filter(s -> s.status() != SubjectStatus.ERASED);
    }

    private static String number(String e164) {
        return PhoneNumbers.e164(e164).orElseThrow(() -> new InvalidInputException(List.of(
                new FieldError("e164", "must be a valid phone number in E.164 format"))));
    }
}
