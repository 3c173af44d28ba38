package io.consentflow.consent.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Staff view of one subject's consent. Placeholder until the registry exists (issue 3). */
@RestController
class SubjectConsentController {

    @GetMapping("/api/v1/subjects/{e164}/consent")
    Mono<ResponseEntity<Void>> consent(@PathVariable String e164) {
        return Mono.just(ResponseEntity.notFound().build());
    }
}
