package io.consentflow.audit.adapters.web;

import io.consentflow.audit.app.ProofService;
import io.consentflow.platform.web.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Proof of consent for one subject: JSON, or a printable HTML page ({@code Accept: text/html} or
 * {@code ?format=html}) in German or English ({@code ?lang=de|en}, default de).
 */
@RestController
class ProofController {

    private final ProofService proofs;

    ProofController(ProofService proofs) {
        this.proofs = proofs;
    }

    @GetMapping(value = "/api/v1/audit/subjects/{subjectId}/proof",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_HTML_VALUE})
    Mono<ResponseEntity<?>> proof(@PathVariable String subjectId, @RequestParam(required = false) String format,
            @RequestParam(defaultValue = "de") String lang,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        String id = Params.subjectId(subjectId, true);
        if (!lang.equals("de") && !lang.equals("en")) {
            throw new InvalidInputException("lang", "must be de or en");
        }
        boolean html = Params.html(format, accept);
        return proofs.proof(id)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "the audit log holds no entry for this subject")))
                .map(report -> html ? Params.htmlPage(ProofHtml.render(report, lang)) : Params.json(report));
    }
}
