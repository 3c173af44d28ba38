package io.consentflow.audit.adapters.web;

import io.consentflow.audit.app.CertificateService;
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
 * The deletion certificate of one erasure: JSON (the certificate, the exact canonical text signed, the Ed25519
 * signature and the key id, verifiable offline with {@code /api/v1/audit/checkpoints/key}), or a printable HTML page
 * ({@code Accept: text/html} or {@code ?format=html}).
 */
@RestController
class CertificateController {

    private final CertificateService certificates;

    CertificateController(CertificateService certificates) {
        this.certificates = certificates;
    }

    @GetMapping(value = "/api/v1/audit/erasures/{erasureId}/certificate",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_HTML_VALUE})
    Mono<ResponseEntity<?>> certificate(@PathVariable String erasureId, @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (!erasureId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new InvalidInputException("erasureId", "must be an erasure id (letters, digits, '.', '_', '-')");
        }
        boolean html = Params.html(format, accept);
        return certificates.certificate(erasureId)
                .switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "the audit log holds no erasure with this id")))
                .map(signed -> html ? Params.htmlPage(CertificateHtml.render(signed)) : Params.json(signed));
    }
}
