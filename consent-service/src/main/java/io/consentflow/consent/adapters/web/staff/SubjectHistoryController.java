package io.consentflow.consent.adapters.web.staff;

import io.consentflow.consent.app.SubjectStore;
import io.consentflow.consent.domain.HistoryEntry;
import io.consentflow.consent.domain.SubjectStatus;
import io.consentflow.platform.web.FieldError;
import io.consentflow.platform.web.InvalidInputException;
import io.consentflow.rules.contact.ContactKeys;
import io.consentflow.rules.contact.PhoneNumbers;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A subject's consent history (requests, confirmations, withdrawals, preference changes) for support and the DPO,
 * without the decrypted evidence the Art. 15 export carries (roles: ConsentAccessRules, {@code /api/v1/subjects/**}).
 */
@RestController
class SubjectHistoryController {

    record History(String subjectId, String status, List<HistoryEntry> history) {
    }

    private final SubjectStore subjects;
    private final ContactKeys contactKeys;

    SubjectHistoryController(SubjectStore subjects, ContactKeys contactKeys) {
        this.subjects = subjects;
        this.contactKeys = contactKeys;
    }

    @GetMapping("/api/v1/subjects/{e164}/history")
    Mono<ResponseEntity<History>> history(@PathVariable String e164) {
        String number = PhoneNumbers.e164(e164).orElseThrow(() -> new InvalidInputException(List.of(
                new FieldError("e164", "must be a valid phone number in E.164 format"))));
        return subjects.byContactKey(contactKeys.of(number)).map(stored -> stored.subject())
                .filter(s -> s.status() != SubjectStatus.ERASED)
                .map(s -> ResponseEntity.ok(new History(s.subjectId(), s.status().name(), s.history())))
                .defaultIfEmpty(ResponseEntity.notFound().build());
    }
}
