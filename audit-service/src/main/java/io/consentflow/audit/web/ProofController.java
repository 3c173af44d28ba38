package io.consentflow.audit.web;

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
        boolean html;
        if (format == null) {
            html = accept != null && accept.contains(MediaType.TEXT_HTML_VALUE) && !accept.startsWith("application/json");
        } else if (format.equals("html") || format.equals("json")) {
            html = format.equals("html");
        } else {
            throw new InvalidInputException("format", "must be json or html");
        }
        return proofs.proof(id)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "the audit log holds no entry for this subject")))
                .map(report -> html
                        ? ResponseEntity.ok().contentType(new MediaType("text", "html",
                                java.nio.charset.StandardCharsets.UTF_8)).body(ProofHtml.render(report, lang))
                        : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report));
    }
}
